package dev.envboard.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.envboard.pool.EngineSpec;
import dev.envboard.ssh.SshTarget;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The SSH plumbing against the sandbox hosts' real OpenSSH servers. */
@ExtendWith(SandboxExtension.class)
class SshConnectorSandboxTest {
    /** Hang guard only: every failure below must come from the connector's own timeouts. */
    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private SshConnector connector;
    private SshTarget host1;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        connector = new SshConnector();
        EngineSpec engine = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile())
                .pool("sandbox-hosts").orElseThrow().engines().stream()
                .filter(e -> "envboard-host-1".equals(e.name())).findFirst().orElseThrow();
        host1 = engine.ssh();
    }

    @AfterEach
    void tearDown() {
        connector.close();
    }

    @Test
    void runsCommandsOnTheHost() throws Exception {
        try (SshSession session = connector.open(host1)) {
            ExecResult hostname = session.exec("hostname", null);
            assertThat(hostname.exitCode()).isZero();
            assertThat(hostname.stdoutText().strip()).isEqualTo("envboard-host-1");

            ExecResult echo = session.exec("cat; echo oops >&2; exit 3", "it's me\n".getBytes(StandardCharsets.UTF_8));
            assertThat(echo.exitCode()).isEqualTo(3);
            assertThat(echo.stdoutText()).isEqualTo("it's me\n");
            assertThat(echo.lastErrorLine()).isEqualTo("oops");

            ExecResult quoted = session.exec("printf %s " + ShellQuote.quote("a 'quoted' $word"), null);
            assertThat(quoted.stdoutText()).isEqualTo("a 'quoted' $word");
        }
    }

    @Test
    void aCommandThatDoesNotEndIsStoppedAtItsTimeout() throws Exception {
        try (SshSession session = connector.open(host1)) {
            SshException e = assertTimeoutPreemptively(GUARD, () -> catchThrowableOfType(SshException.class,
                    () -> session.exec("sleep 60", null, Duration.ofSeconds(1))));
            assertThat(e).hasMessage("ssh root@10.254.77.21:22: `sleep 60` did not finish within 1 s;"
                    + " stopped waiting and closed the channel");
            assertThat(session.exec("true", null).exitCode()).as("the session still works").isZero();
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintUntilAccepted() throws Exception {
        Path knownHosts = temp.resolve("ssh").resolve("known_hosts");
        SshTarget target = withKnownHosts(host1, knownHosts);

        UnknownHostKeyException unknown = catchThrowableOfType(UnknownHostKeyException.class, () -> connector.open(target));

        String keygen = run("ssh-keygen", "-lf", "/var/lib/envboard-sandbox/envboard-host-1/ssh/ssh_host_ed25519_key.pub");
        String expected = keygen.split(" ")[1];
        assertThat(expected).startsWith("SHA256:");
        assertThat(unknown.fingerprint()).isEqualTo(expected);
        assertThat(unknown.keyType()).isEqualTo("ssh-ed25519");
        assertThat(unknown.host()).isEqualTo("10.254.77.21");
        assertThat(unknown.port()).isEqualTo(22);
        assertThat(unknown.getMessage()).contains("root@10.254.77.21:22", expected, knownHosts.toString());
        assertThat(knownHosts).doesNotExist();

        assertThatThrownBy(() -> connector.acceptHostKey(target, unknown.key(), "SHA256:somethingElse"))
                .isInstanceOf(SshException.class).hasMessage("ssh root@10.254.77.21:22: host key " + unknown.fingerprint()
                        + " is not the one that was shown (SHA256:somethingElse); not added");
        assertThat(knownHosts).doesNotExist();

        connector.acceptHostKey(target, unknown.key(), unknown.fingerprint());
        assertThat(Files.getPosixFilePermissions(knownHosts)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String hostPub = Files.readString(Path.of("/var/lib/envboard-sandbox/envboard-host-1/ssh/ssh_host_ed25519_key.pub"));
        assertThat(Files.readString(knownHosts))
                .isEqualTo("10.254.77.21 " + String.join(" ", List.of(hostPub.split(" ")).subList(0, 2)) + "\n");
        try (SshSession session = connector.open(target)) {
            assertThat(session.exec("hostname", null).stdoutText().strip()).isEqualTo("envboard-host-1");
        }

        connector.acceptHostKey(target, unknown.key(), unknown.fingerprint());
        assertThat(Files.readAllLines(knownHosts)).as("accepting twice adds nothing").hasSize(1);
    }

    @Test
    void aNonStandardPortIsWrittenTheWayOpenSshWritesIt() throws Exception {
        Path knownHosts = temp.resolve("known_hosts");
        Files.writeString(knownHosts, "# mine, no newline at the end");
        SshTarget target = new SshTarget("root", "10.254.77.21", 2222, host1.identity(), knownHosts);
        String hostPub = Files.readString(Path.of("/var/lib/envboard-sandbox/envboard-host-1/ssh/ssh_host_ed25519_key.pub"));
        PublicKey key = PublicKeyEntry.parsePublicKeyEntry(hostPub.strip())
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);

        connector.acceptHostKey(target, key, KeyUtils.getFingerPrint(key));

        assertThat(Files.readAllLines(knownHosts)).containsExactly("# mine, no newline at the end",
                "[10.254.77.21]:2222 " + String.join(" ", List.of(hostPub.split(" ")).subList(0, 2)));
    }

    @Test
    void aChangedHostKeyIsRefusedAndNeverAccepted() throws Exception {
        // host-1's address with host-2's key: what a man in the middle would look like.
        String host2Key = Files.readString(Path.of("/var/lib/envboard-sandbox/envboard-host-2/ssh/ssh_host_ed25519_key.pub"));
        Path knownHosts = temp.resolve("known_hosts");
        String line = "10.254.77.21 " + String.join(" ", List.of(host2Key.split(" ")).subList(0, 2)) + "\n";
        Files.writeString(knownHosts, line);
        SshTarget target = withKnownHosts(host1, knownHosts);

        SshException e = catchThrowableOfType(SshException.class, () -> connector.open(target));

        assertThat(e).isNotInstanceOf(UnknownHostKeyException.class);
        assertThat(e.getMessage()).startsWith("ssh root@10.254.77.21:22: the host key changed")
                .contains("man-in-the-middle", knownHosts.toString(), "not connected");
        assertThat(Files.readString(knownHosts)).as("known_hosts untouched").isEqualTo(line);

        UnknownHostKeyException unknown = catchThrowableOfType(UnknownHostKeyException.class,
                () -> connector.open(withKnownHosts(host1, temp.resolve("other"))));
        assertThatThrownBy(() -> connector.acceptHostKey(target, unknown.key(), unknown.fingerprint()))
                .isInstanceOf(SshException.class).hasMessage("ssh root@10.254.77.21:22: " + knownHosts + " already has a different key for 10.254.77.21 ("
                        + line.strip() + "); remove that line yourself if the host was really reinstalled");
        assertThat(Files.readString(knownHosts)).isEqualTo(line);
    }

    @Test
    void aRevokedHostKeyIsRefused() throws Exception {
        String host1Key = Files.readString(Path.of("/var/lib/envboard-sandbox/envboard-host-1/ssh/ssh_host_ed25519_key.pub"));
        Path knownHosts = temp.resolve("known_hosts");
        Files.writeString(knownHosts, "@revoked 10.254.77.21 " + String.join(" ", List.of(host1Key.split(" ")).subList(0, 2)) + "\n");

        SshException e = catchThrowableOfType(SshException.class, () -> connector.open(withKnownHosts(host1, knownHosts)));

        assertThat(e).isNotInstanceOf(UnknownHostKeyException.class)
                .hasMessage("ssh root@10.254.77.21:22: the host key was refused by " + knownHosts + " (marked @revoked?); not connected");
    }

    @Test
    void anUnknownHostNameIsNamed() {
        SshTarget target = new SshTarget("root", "no-such-host.invalid", 22, host1.identity(), host1.knownHosts());

        SshException e = assertTimeoutPreemptively(GUARD,
                () -> catchThrowableOfType(SshException.class, () -> connector.open(target)));

        assertThat(e.getMessage()).startsWith("ssh root@no-such-host.invalid:22: unknown host");
    }

    @Test
    void aServerThatNeverSpeaksFailsWithinTheLoginTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            SshTarget target = new SshTarget("root", "127.0.0.1", silent.getLocalPort(), host1.identity(), host1.knownHosts());

            SshException e = assertTimeoutPreemptively(GUARD,
                    () -> catchThrowableOfType(SshException.class, () -> connector.open(target)));

            assertThat(e).hasMessage("ssh root@127.0.0.1:" + silent.getLocalPort()
                    + ": no answer within 5 s (connected, but the server never sent an SSH greeting)");
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aClosedPortIsReportedAsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        SshTarget target = new SshTarget("root", "127.0.0.1", port, host1.identity(), host1.knownHosts());

        SshException e = assertTimeoutPreemptively(GUARD,
                () -> catchThrowableOfType(SshException.class, () -> connector.open(target)));

        assertThat(e).hasMessage("ssh root@127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void aKeyTheHostDoesNotAcceptIsNamed() throws Exception {
        Path key = temp.resolve("id_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        SshTarget target = new SshTarget("root", host1.host(), host1.port(), key, host1.knownHosts());

        SshException e = assertTimeoutPreemptively(GUARD,
                () -> catchThrowableOfType(SshException.class, () -> connector.open(target)));

        assertThat(e).hasMessage("ssh root@10.254.77.21:22: authentication failed (key " + key + ")");
    }

    private static SshTarget withKnownHosts(SshTarget target, Path knownHosts) {
        return new SshTarget(target.user(), target.host(), target.port(), target.identity(), knownHosts);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
