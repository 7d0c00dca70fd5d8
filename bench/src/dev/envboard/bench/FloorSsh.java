package dev.envboard.bench;

import dev.envboard.ssh.SshTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The floor's SSH: one MINA SSHD session to a host, logged in once and kept, each command an exec
 * channel on it (as Envboard runs its commands, but without a new login per label change).
 */
final class FloorSsh implements AutoCloseable {
    record Result(int exit, byte[] out, String err) {
        Result ok(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " failed (exit " + exit + "): " + err.trim());
            }
            return this;
        }
    }

    private final SshClient client;
    private final SshTarget target;
    private ClientSession session;

    FloorSsh(SshTarget target) {
        this.target = target;
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, target.knownHosts()));
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    /** A new login (connect, key exchange, public-key auth): what Envboard does for each label change. */
    ClientSession login() throws IOException {
        ClientSession fresh = client.connect(target.user(), target.host(), target.port()).verify(5, TimeUnit.SECONDS).getSession();
        try {
            new FileKeyPairProvider(target.identity()).loadKeys(null).forEach(fresh::addPublicKeyIdentity);
            fresh.auth().verify(5, TimeUnit.SECONDS);
            return fresh;
        } catch (Exception e) {
            fresh.close(true);
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    Result exec(String command, byte[] stdin) throws IOException {
        if (session == null || !session.isOpen()) {
            session = login();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(20, TimeUnit.SECONDS);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(20));
            Integer exit = channel.getExitStatus();
            return new Result(exit == null ? -1 : exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close(true);
        }
        client.stop();
    }
}
