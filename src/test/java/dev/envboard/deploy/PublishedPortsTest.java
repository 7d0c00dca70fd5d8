package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published ports of stacks redeployed through Envboard answer HTTP at the host's address, fetched
 * from this machine: the example stack's www page (long syntax, mode: host, global) on every
 * standalone host and on every Swarm node of the environment, naming the environment and the
 * version; a short-syntax port on the standalone hosts. The engines' iptables rules live in their
 * own network namespaces: the machine's own tables never name them, and no engine namespace has a
 * default route.
 */
@ExtendWith(SandboxExtension.class)
class PublishedPortsTest {
    private static final String ENV = "portenv";
    /** The example stack's www publishes its page here. */
    private static final int WWW_PORT = 8000;
    private static final Path EXAMPLE_STACK = Path.of("examples/stacks/default/compose.yaml");
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");
    private static final List<String> NODES = List.of("envboard-swarm-2", "envboard-swarm-3");

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private Sandbox sandbox;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;
    private boolean swarm;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        // The example stack's images are the sandbox registry's: the sandbox's own login.
        fixture = new DeployFixture(sandbox, dir, UnaryOperator.identity(),
                Map.of("DOCKER_CONFIG", sandbox.registry().dockerConfig().toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (swarm) {
                fixture.removeStack(ENV);
                sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=demo", "envboard-swarm-2");
                sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", "envboard-swarm-3");
            }
            if (guard != null) {
                fixture.removeContainers(ENV);
                guard.restore();
            }
        } finally {
            fixture.close();
        }
    }

    @Test
    void theExamplePageAnswersAtEveryStandaloneHostNamingItsEnvironmentAndTheVersionARedeployShipped() throws Exception {
        standalone();
        fixture.stack(ENV, Files.readString(EXAMPLE_STACK));
        fixture.env(ENV, "DEMO_TAG=1\n");
        succeeds(fixture.redeploy("sandbox-hosts", ENV));
        for (String host : HOSTS) {
            assertPage(address(host), "1");
        }

        fixture.env(ENV, "DEMO_TAG=2\n");
        succeeds(fixture.redeploy("sandbox-hosts", ENV));
        for (String host : HOSTS) {
            assertPage(address(host), "2");
        }
    }

    @Test
    void theExamplePageAnswersInHostModeOnEverySwarmNodeOfTheEnvironmentAndNowhereElse() throws Exception {
        swarm = true;
        for (String node : NODES) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, node);
        }
        fixture.stack(ENV, Files.readString(EXAMPLE_STACK));
        fixture.env(ENV, "DEMO_TAG=2\n");
        succeeds(fixture.redeploy("sandbox-swarm", ENV));

        for (String node : NODES) {
            assertPage(address(node), "2");
        }
        assertThat(sandbox.docker(sandbox.manager(), "service", "inspect", "--format",
                "{{range .Endpoint.Ports}}{{.PublishMode}} {{.PublishedPort}}->{{.TargetPort}}{{end}}", ENV + "_www"))
                .isEqualTo("host " + WWW_PORT + "->80");
        // Host mode: a node that runs no task of it publishes nothing (the routing mesh would answer there).
        URI elsewhere = uri(address("envboard-swarm-1"), WWW_PORT);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(elsewhere).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).as(elsewhere.toString()).isInstanceOf(ConnectException.class);
    }

    @Test
    void theEnginesRulesStayInTheirOwnNamespacesAndNoneOfThemHasADefaultRoute() throws Exception {
        int port = 8001;
        String machineBefore = machineIptables();
        standalone();
        fixture.stack(ENV, """
                services:
                  page:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "mkdir -p /www && echo ${ENVIRONMENT} on $$(hostname) > /www/index.html && exec httpd -f -p 80 -h /www"]
                    stop_grace_period: 1s
                    ports:
                      - "%d:80"
                    deploy:
                      replicas: 2
                      placement:
                        max_replicas_per_node: 1
                """.formatted(port));
        succeeds(fixture.redeploy("sandbox-hosts", ENV));
        for (String host : HOSTS) {
            HttpResponse<String> response = fetch(uri(address(host), port));
            assertThat(response.statusCode()).as(host).isEqualTo(200);
            assertThat(response.body()).as(host).startsWith(ENV + " on ");
            assertThat(command("ip", "netns", "exec", host, "iptables", "-t", "nat", "-S"))
                    .as("the DNAT of port %d in %s's own namespace", port, host)
                    .containsPattern("-A DOCKER .*--dport " + port + " -j DNAT --to-destination 172\\.18\\.\\d+\\.\\d+:80");
        }

        String machineAfter = machineIptables();
        assertThat(machineAfter).as("the machine's own iptables, before and after publishing").isEqualTo(machineBefore);
        for (String trace : List.of("DOCKER", "docker0", "docker_gwbridge", "172.17.", "172.18.", "--dport " + port)) {
            assertThat(machineAfter).as("the machine's own iptables").doesNotContain(trace);
        }
        for (Sandbox.Engine engine : sandbox.engines()) {
            assertThat(command("ip", "-n", engine.name(), "route", "show", "default")).as("default route of " + engine.name()).isEmpty();
            assertThat(command("ip", "-n", engine.name(), "-4", "route", "show")).as("routes of " + engine.name())
                    .contains("10.254.77.0/24").contains("172.17.0.0/16 dev docker0");
        }
    }

    @Test
    void aPortThatWouldBePublishedTwiceOnAStandaloneHostIsRefusedAndNothingIsCreated() throws Exception {
        standalone();
        fixture.stack(ENV, pageStack("\"8002:80\"", 3));

        DeployRecord record = fixture.redeploy("sandbox-hosts", ENV);

        assertThat(record.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(record.error()).contains("services.page: port 8002 would be published twice on envboard-host-")
                .contains("nothing was changed");
        for (String host : HOSTS) {
            assertThat(fixture.containers(host, ENV)).as(host).isEmpty();
        }
    }

    @Test
    void aHostModePortAskedOfMoreTasksThanTheEnvironmentHasSwarmNodesIsRefusedAndNothingIsCreated() throws Exception {
        swarm = true;
        for (String node : NODES) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, node);
        }
        fixture.stack(ENV, pageStack("{target: 80, published: 8002, mode: host}", 3));

        DeployRecord record = fixture.redeploy("sandbox-swarm", ENV);

        assertThat(record.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(record.error()).contains("services.page: port 8002/tcp is published in host mode, which Swarm allows once per node: "
                + "3 tasks need 3 nodes; " + ENV + " has 2").contains("nothing was changed");
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + ENV))
                .isEmpty();
    }

    private static String pageStack(String port, int replicas) {
        return """
                services:
                  page:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["httpd", "-f", "-p", "80", "-h", "/tmp"]
                    stop_grace_period: 1s
                    ports:
                      - %s
                    deploy:
                      replicas: %d
                """.formatted(port, replicas);
    }

    private void standalone() throws Exception {
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        for (String host : HOSTS) {
            guard.setEnvironment(host, ENV);
        }
    }

    private static void succeeds(DeployRecord record) {
        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
    }

    private String address(String engine) {
        return sandbox.engine(engine).address();
    }

    private static URI uri(String address, int port) {
        return URI.create("http://" + address + ":" + port + "/");
    }

    /** The www page at {@code address}: HTTP 200, naming the environment and the version, once each. */
    private void assertPage(String address, String version) throws Exception {
        HttpResponse<String> response = fetch(uri(address, WWW_PORT));
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        assertThat(response.body()).as(response.uri().toString())
                .contains("<p>environment: " + ENV + "</p>")
                .contains("<p>version: " + version + "</p>")
                .contains("<title>" + ENV + ", version " + version + "</title>");
    }

    /**
     * GET {@code uri} from this machine. Envboard's redeploy returns once the containers run and are
     * healthy; the first answer is awaited only in case the connection is not taken at once.
     */
    private HttpResponse<String> fetch(URI uri) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .alias("an HTTP answer from " + uri).until(() -> {
                    answer.set(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()));
                    return true;
                });
        return answer.get();
    }

    /**
     * Every rule of the machine's own (root namespace) iptables: IPv4 and IPv6, nf_tables and the
     * legacy tables that exist (listing one that does not would create it).
     */
    private static String machineIptables() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("filter", "nat", "mangle", "raw")) {
            all.append(command("iptables", "-t", table, "-S")).append('\n');
            all.append(command("ip6tables", "-t", table, "-S")).append('\n');
        }
        for (String[] legacy : List.of(new String[] {"iptables-legacy", "/proc/net/ip_tables_names"},
                new String[] {"ip6tables-legacy", "/proc/net/ip6_tables_names"})) {
            Path names = Path.of(legacy[1]);
            if (Files.exists(names)) {
                for (String table : Files.readAllLines(names).stream().sorted().toList()) {
                    all.append(command(legacy[0], "-t", table, "-S")).append('\n');
                }
            }
        }
        return all.toString();
    }

    /** Runs a command of this machine (sbin included); fails the test on a non-zero exit. */
    private static String command(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(args))).redirectErrorStream(true);
        builder.environment().merge("PATH", "/usr/local/sbin:/usr/sbin:/sbin", (path, sbin) -> path + ":" + sbin);
        Process process = builder.start();
        String out;
        try (var in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " failed: " + out);
        }
        return out.trim();
    }
}
