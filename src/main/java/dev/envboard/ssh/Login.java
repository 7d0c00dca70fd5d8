package dev.envboard.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.future.CancelOption;

/**
 * One connect-and-log-in to one target, with the reason for a failure told in the user's terms:
 * which step, which host, which key. Used once, by {@link SshConnector#open}.
 */
final class Login {
    private final SshClient client;
    private final SshTarget target;
    private final String name;
    private final HostKeyCheck.Verdict verdict;
    private final Duration connectTimeout;
    private final Duration authTimeout;

    Login(SshClient client, SshTarget target, Path knownHosts, Duration connectTimeout, Duration authTimeout) {
        this.client = client;
        this.target = target;
        this.name = SshConnector.name(target);
        this.verdict = new HostKeyCheck.Verdict(knownHosts);
        this.connectTimeout = connectTimeout;
        this.authTimeout = authTimeout;
    }

    ClientSession run(List<KeyPair> identities, List<Path> keyFiles) throws SshException {
        ClientSession session = connect();
        try {
            identities.forEach(session::addPublicKeyIdentity);
            authenticate(session, keyFiles);
            return session;
        } catch (SshException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    private ClientSession connect() throws SshException {
        ConnectFuture connecting;
        try {
            connecting = client.connect(target.user(), target.host(), target.port(),
                    AttributeRepository.ofKeyValuePair(HostKeyCheck.VERDICT, verdict), null);
            if (!connecting.await(connectTimeout, CancelOption.CANCEL_ON_TIMEOUT, CancelOption.CANCEL_ON_INTERRUPT)) {
                throw failure("no answer within " + SshConnector.seconds(connectTimeout), null);
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while connecting", e);
        } catch (IOException | IllegalArgumentException e) {
            throw failure(SshErrors.describe(e), e);
        }
        if (connecting.getException() != null) {
            throw failure(SshErrors.describe(connecting.getException()), connecting.getException());
        }
        return connecting.getSession();
    }

    private void authenticate(ClientSession session, List<Path> keyFiles) throws SshException {
        AuthFuture auth;
        try {
            auth = session.auth();
            if (!auth.await(authTimeout, CancelOption.CANCEL_ON_TIMEOUT, CancelOption.CANCEL_ON_INTERRUPT)) {
                // No server version: the peer accepted TCP but never spoke SSH.
                throw failure("no answer within " + SshConnector.seconds(authTimeout) + (session.getServerVersion() == null
                        ? " (connected, but the server never sent an SSH greeting)" : " while logging in"), null);
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while logging in", e);
        } catch (IOException e) {
            throw hostKeyProblem(e).orElseGet(() -> failure(SshErrors.describe(e), e));
        }
        if (!auth.isSuccess()) {
            throw loginProblem(session, auth.getException(), keyFiles);
        }
    }

    private SshException loginProblem(ClientSession session, Throwable cause, List<Path> keyFiles) {
        Optional<SshException> keyProblem = hostKeyProblem(cause);
        if (keyProblem.isPresent()) {
            return keyProblem.get();
        }
        if (session.isOpen() && session.getServerVersion() != null) {
            return failure("authentication failed (key " + String.join(", ", keyFiles.stream().map(Path::toString).toList())
                    + ")", cause);
        }
        return failure(cause == null ? "the connection closed while logging in" : SshErrors.describe(cause), cause);
    }

    /** What the host key check refused, if that is why the login failed. */
    private Optional<SshException> hostKeyProblem(Throwable cause) {
        PublicKey changed = verdict.changedKey();
        if (changed != null) {
            return Optional.of(failure("the host key changed: the host now presents " + KeyUtils.getKeyType(changed) + " "
                    + KeyUtils.getFingerPrint(changed) + ", which is not the key recorded in " + verdict.knownHosts
                    + " (possible man-in-the-middle attack); not connected", null));
        }
        PublicKey unknown = verdict.unknownKey();
        if (unknown != null) {
            return Optional.of(new UnknownHostKeyException(name, target.host(), target.port(), KeyUtils.getKeyType(unknown),
                    KeyUtils.getFingerPrint(unknown), unknown, verdict.knownHosts));
        }
        if (cause != null && String.valueOf(cause.getMessage()).contains("Server key did not validate")) {
            // Refused without being unknown or changed: known_hosts marks the key @revoked.
            return Optional.of(failure("the host key was refused by " + verdict.knownHosts
                    + " (marked @revoked?); not connected", cause));
        }
        return Optional.empty();
    }

    private SshException failure(String what, Throwable cause) {
        return new SshException("ssh " + name + ": " + what, cause);
    }
}
