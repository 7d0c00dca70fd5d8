package dev.envboard.cli;

import dev.envboard.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code envboard move} on a standalone host: daemon.json over SSH, never trusting an unknown key silently. */
@ExtendWith(SandboxExtension.class)
class StandaloneMoveCommandTest {
    private static final String HOST = "envboard-host-2";
    private Sandbox sandbox;
    private DaemonJsonGuard guard;
    private Path pools;
    private Path knownHosts;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        guard = new DaemonJsonGuard(sandbox, List.of(HOST));
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "");
        pools = sandbox.poolsFileWithKnownHosts(dir, knownHosts);
    }

    @AfterEach
    void restore() throws Exception {
        guard.restore();
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(Map.of(), config -> 1, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void anUnknownHostKeyIsRefusedEvenWithYesAndTheFileIsUntouched() throws Exception {
        String[] run = run("move", HOST, "qa", "--yes", "--config", pools.toString());
        assertThat(run[0]).isEqualTo("1");
        assertThat(run[2]).contains(sandbox.hostKeyFingerprint(HOST)).contains("not known");
        assertThat(Files.readAllBytes(guard.daemonJson(HOST))).isEqualTo(guard.original(HOST));
        assertThat(Files.readString(knownHosts)).isEmpty();

        String[] wrong = run("move", HOST, "qa", "--yes", "--accept-host-key", "SHA256:not-this-one", "--config", pools.toString());
        assertThat(wrong[0]).isEqualTo("1");
        assertThat(wrong[2]).contains("does not match");
        assertThat(Files.readAllBytes(guard.daemonJson(HOST))).isEqualTo(guard.original(HOST));
    }

    @Test
    void anSshServerThatNeverAnswersFailsTheMoveWithAClearMessage(@TempDir Path dir) throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>(); // referenced, so no cleaner closes them early
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // keeps the connection open and says nothing
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String hung = Files.readString(pools).replace("ssh: 10.254.77.22:22", "ssh: 127.0.0.1:" + silent.getLocalPort());
            Path hungPools = dir.resolve("hung-pools.yaml");
            Files.writeString(hungPools, hung);

            String[] run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> run("move", HOST, "qa", "--yes", "--config", hungPools.toString()));
            assertThat(run[0]).isEqualTo("1");
            assertThat(run[2]).contains("move failed").contains(HOST).contains("127.0.0.1:" + silent.getLocalPort())
                    .contains("no answer");
            assertThat(Files.readAllBytes(guard.daemonJson(HOST))).isEqualTo(guard.original(HOST));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void theExactFingerprintIsTrustedAndTheLabelVerified() throws Exception {
        String fingerprint = sandbox.hostKeyFingerprint(HOST);
        String[] run = run("move", HOST, "qa", "--yes", "--accept-host-key", fingerprint, "--config", pools.toString());
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        assertThat(run[1]).contains("verified");
        assertThat(guard.liveLabels(HOST)).contains("environment=qa", "owner=platform");
        assertThat(Files.readString(guard.daemonJson(HOST))).contains("\"environment=qa\"").contains("\"log-opts\"");
        assertThat(guard.newBackups(HOST)).singleElement().satisfies(backup ->
                assertThat(Files.readAllBytes(backup)).isEqualTo(guard.original(HOST)));

        String[] back = run("move", HOST, "-", "--yes", "--config", pools.toString());
        assertThat(back[0]).as(back[2]).isEqualTo("0");
        assertThat(guard.liveLabels(HOST)).containsExactly("owner=platform");
    }
}
