package dev.envboard.health;

import static dev.envboard.health.HealthFixtures.TOKEN_ENV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.envboard.cli.Prompt;
import dev.envboard.testing.LogCapture;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Consul ACL token goes to Consul as the X-Consul-Token header and nowhere else: not into a
 * URL, a log record at any level, System.out or System.err, an exception or status message, the
 * command line's output, or the audit log of a move. Everything the process logs and prints is
 * captured while a health watch is answered, refused (403, also by a server that echoes the
 * token) and cut off, while {@code envboard health} runs against the same, and while a real move
 * on the sandbox's Swarm writes its audit entry.
 */
@ExtendWith(SandboxExtension.class)
class ConsulTokenNeverShownSandboxTest {
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final String TOKEN = "5be1c0de-7a11-4e55-9c3d-70cc3e5e0be7";
    private static final String NODE = "envboard-swarm-3";

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private ConsulDouble consul;
    private HttpServer echoing;
    private final List<String> echoedTokens = new CopyOnWriteArrayList<>();
    private final List<HealthSnapshot> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start(Sandbox sandbox) throws IOException {
        this.sandbox = sandbox;
        consul = ConsulDouble.start();
        HealthFixtures.register(consul);
        consul.requireToken(TOKEN);
        // A Consul (or a proxy in front of it) whose refusal repeats the token it was given.
        echoing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echoing.createContext("/", exchange -> {
            String token = exchange.getRequestHeaders().getFirst("X-Consul-Token");
            echoedTokens.add(String.valueOf(token));
            byte[] body = ("Permission denied: token " + token + " lacks permission 'node:read'").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echoing.start();
    }

    @AfterEach
    void stop() {
        echoing.stop(0);
        consul.close();
        String environment = sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", NODE);
        if (!environment.isEmpty()) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODE);
        }
    }

    @Test
    void theTokenIsSentAsAHeaderAndShowsNowhere() throws Exception {
        StringBuilder shown = new StringBuilder();
        Path auditLog = dir.resolve("envboard/audit.jsonl");
        int logged;
        try (LogCapture capture = LogCapture.start()) {
            watchAnsweredThenRefusedThenCutOff();
            HealthSnapshot echoed = HealthReader.read(HealthFixtures.pool("http://127.0.0.1:" + echoing.getAddress().getPort(), TOKEN_ENV),
                    HealthFixtures.hosts(), Map.of(TOKEN_ENV, TOKEN));
            assertThat(echoed.state()).isEqualTo(ConsulState.UNAUTHORIZED);
            assertThat(echoed.message()).as("the echo is blanked out").contains("***");
            heard.add(echoed);

            consul.up();
            consul.requireToken("some-other-token");
            shown.append(cli("health", "--config", standalonePool(consul.address()).toString()));
            shown.append(cli("health", "--config", standalonePool("http://127.0.0.1:" + closedPort()).toString()));
            Path sandboxPools = sandboxPoolsWithToken();
            shown.append(cli("move", NODE, "qa", "--yes", "--config", sandboxPools.toString()));
            shown.append(cli("move", NODE, "-", "--yes", "--config", sandboxPools.toString()));
            logged = capture.length();
            shown.append(capture.text());
        }

        assertThat(logged).as("something was logged and printed at all").isGreaterThan(1000);
        assertThat(heard).extracting(HealthSnapshot::state).contains(ConsulState.OK, ConsulState.UNAUTHORIZED, ConsulState.UNREACHABLE);
        heard.forEach(snapshot -> shown.append(snapshot.message()).append('\n'));
        assertThat(shown.toString()).as("logs, output, messages").doesNotContain(TOKEN);

        List<ConsulDouble.Request> requests = consul.requests();
        assertThat(requests).as("the double saw the token as a header").isNotEmpty().allSatisfy(request -> {
            assertThat(request.token()).isEqualTo(TOKEN);
            assertThat(request.path()).doesNotContain(TOKEN);
            assertThat(request.query() == null ? "" : request.query()).doesNotContain(TOKEN).doesNotContain("token=");
        });
        assertThat(echoedTokens).isNotEmpty().containsOnly(TOKEN);

        assertThat(auditLog).exists();
        String audit = Files.readString(auditLog);
        assertThat(audit.lines()).as("both moves were audited").hasSize(2);
        assertThat(audit).doesNotContain(TOKEN);
    }

    private void watchAnsweredThenRefusedThenCutOff() {
        try (HealthWatch watch = HealthWatch.start(HealthFixtures.pool(consul.address(), TOKEN_ENV),
                HealthFixtures.options(Map.of(TOKEN_ENV, TOKEN)), heard::add)) {
            watch.updateHosts(HealthFixtures.hosts());
            awaitHeard(s -> s.state() == ConsulState.OK && s.instances().size() == 3);
            consul.requireToken("some-other-token"); // ours is refused from now on: 403
            consul.setCheck("node-1", "service:web-1", "critical", "down"); // wakes the held queries
            awaitHeard(s -> s.state() == ConsulState.UNAUTHORIZED);
            consul.down();
            awaitHeard(s -> s.state() == ConsulState.UNREACHABLE);
        }
    }

    private void awaitHeard(Predicate<HealthSnapshot> condition) {
        await().atMost(LONG).until(() -> heard.stream().anyMatch(condition));
    }

    /** Runs the command line with the token in its environment; returns all it printed. */
    private String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of(TOKEN_ENV, TOKEN, "XDG_STATE_HOME", dir.toString(), "XDG_CONFIG_HOME", dir.toString());
        int code = TestCli.of(env, config -> 1, Prompt.NOBODY).run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return "exit " + code + "\n" + out + err;
    }

    private Path standalonePool(String consulAddress) throws IOException {
        Path file = Files.createTempFile(dir, "pools", ".yaml");
        Files.writeString(file, """
                pools:
                  - name: lab
                    kind: standalone
                    engines:
                      - endpoint: tcp://127.0.0.1:%d
                    consul:
                      address: %s
                      token-env: %s
                """.formatted(closedPort(), consulAddress, TOKEN_ENV));
        return file;
    }

    /** The sandbox's pools, their Consul being the double, with the token named. */
    private Path sandboxPoolsWithToken() throws IOException {
        Path copy = sandbox.poolsFileWithConsul(Files.createDirectories(dir.resolve("sandbox")), consul.address());
        String text = Files.readString(copy);
        String withToken = text.replace("      datacenter: dc1\n", "      datacenter: dc1\n      token-env: " + TOKEN_ENV + "\n");
        assertThat(withToken).as("the sandbox's pools.yaml names a datacenter").isNotEqualTo(text);
        return Files.writeString(copy, withToken);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
