package dev.envboard.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * Checks each connection's host key against the known_hosts file of its own target (one client
 * serves targets with different files), with MINA's {@link KnownHostsServerKeyVerifier}. Unknown
 * and changed keys are both refused; what was seen is recorded in the connection's
 * {@link Verdict} so that the error can say which key it was.
 */
final class HostKeyCheck implements ServerKeyVerifier {
    static final AttributeKey<Verdict> VERDICT = new AttributeKey<>();

    /** One connection's known_hosts file and what its check found. */
    static final class Verdict {
        final Path knownHosts;
        private volatile PublicKey unknownKey;
        private volatile PublicKey changedKey;

        Verdict(Path knownHosts) {
            this.knownHosts = knownHosts;
        }

        /** The key the host presented that known_hosts does not have, or null. */
        PublicKey unknownKey() {
            return unknownKey;
        }

        /** The key the host presented instead of the one known_hosts has for it, or null. */
        PublicKey changedKey() {
            return changedKey;
        }
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        AttributeRepository context = session.getConnectionContext();
        Verdict verdict = context == null ? null : context.getAttribute(VERDICT);
        if (verdict == null) {
            return false; // a connection not opened through SshConnector: fail closed
        }
        // A fresh verifier per connection: it reads the file now, so a key accepted a moment ago counts.
        KnownHostsServerKeyVerifier knownHosts = new KnownHostsServerKeyVerifier((s, address, unknown) -> {
            verdict.unknownKey = unknown;
            return false;
        }, verdict.knownHosts);
        knownHosts.setModifiedServerKeyAcceptor((s, address, entry, expected, actual) -> {
            verdict.changedKey = actual;
            return false;
        });
        return knownHosts.verifyServerKey(session, remote, key);
    }
}
