package dev.envboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.deploy.CancelToken;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import dev.envboard.cli.Prompt;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demos from the example webshop template on the sandbox's two standalone hosts, checked on the
 * real engines: docker ps per engine, their labels, HTTP at the hosts' addresses, the records.
 */
@ExtendWith(SandboxExtension.class)
class DemoSandboxTest {
    private static final String ENV = "demo-acme";
    private static final List<String> HOSTS = DemoFixture.HOSTS;

    private Sandbox sandbox;
    private DaemonJsonGuard guard;
    private DemoFixture fixture;
    private final List<String> log = new ArrayList<>();
    private final DemoListener listener = new DemoListener() {
        @Override
        public void message(String text) {
            synchronized (log) {
                log.add(text);
            }
        }
    };

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        fixture = new DemoFixture(sandbox, dir);
        fixture.removeAll(ENV); // what an interrupted run may have left
        guard.setEnvironment("envboard-host-1", null); // both hosts free: the template needs two
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            sandbox.startEngine("envboard-host-2"); // no-op unless a test stopped it
            fixture.removeAll(ENV);
            guard.restore();
        } finally {
            fixture.close();
        }
    }

    private LaunchResult launch(Map<String, String> values) {
        return fixture.app.demoService().launch(fixture.pool(), new LaunchRequest("webshop", "Acme", 0, List.of(), null, values, false),
                listener, new CancelToken());
    }

    @Test
    void aLaunchedDemoRunsOnExactlyItsHostsAnswersAtItsLinksAndAnotherProcessListsIt(@TempDir Path otherState) throws Exception {
        LaunchResult result = launch(Map.of("SHOP_NAME", "Acme Shop"));
        assertThat(result.outcome()).as(result.message() + "\n" + String.join("\n", log)).isEqualTo(LaunchResult.Outcome.LAUNCHED);
        Demo demo = result.demo();
        assertThat(demo.environment()).isEqualTo(ENV);
        assertThat(demo.hosts()).extracting(DemoHost::name).containsExactlyInAnyOrderElementsOf(HOSTS);

        // Its containers run on exactly those hosts, spread over both, labelled with whose demo it is.
        Set<String> services = new HashSet<>();
        for (String host : HOSTS) {
            List<String> containers = fixture.containers(host, ENV);
            assertThat(containers).as("containers of %s on %s", ENV, host).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith(" running"));
            containers.forEach(line -> services.add(line.split(" ")[0]));
            assertThat(guard.liveLabelMap(host)).containsEntry("environment", ENV);
            String labels = sandbox.docker(sandbox.engine(host), "ps", "--filter", "label=com.docker.stack.namespace=" + ENV, "--format",
                    "{{.Label \"dev.envboard.demo.owner\"}}|{{.Label \"dev.envboard.demo.customer\"}}|{{.Label \"dev.envboard.demo.template\"}}|"
                            + "{{.Label \"dev.envboard.demo.created\"}}");
            assertThat(labels.lines()).allSatisfy(line -> assertThat(line)
                    .isEqualTo(demo.owner() + "|Acme|webshop|" + demo.created()));
        }
        assertThat(services).containsExactlyInAnyOrder(ENV + "_shop_1", ENV + "_api_1", ENV + "_worker_1");
        for (Sandbox.Engine other : sandbox.swarmNodes()) {
            assertThat(sandbox.docker(other, "ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + ENV)).as(other.name()).isEmpty();
        }

        // Every entry point answers HTTP 200 at the address of the host that runs its service.
        assertThat(demo.entryPoints()).extracting(EntryPoint::title).containsExactly("Web shop", "API status");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (EntryPoint point : demo.entryPoints()) {
            String service = point.target().split(":")[0];
            String runsOn = HOSTS.stream().filter(h -> fixture.containers(h, ENV).stream().anyMatch(l -> l.startsWith(ENV + "_" + service + "_")))
                    .findFirst().orElseThrow();
            assertThat(point.url()).startsWith("http://" + sandbox.engine(runsOn).address() + ":" + point.target().split(":")[1] + "/");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(point.url())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(point.url()).isEqualTo(200);
            if (service.equals("shop")) {
                assertThat(response.body()).contains("<h1>Acme Shop for Acme</h1>").contains("environment " + ENV);
            } else {
                assertThat(response.body()).contains("api of " + ENV + " for Acme: data set small");
            }
        }

        // Another process, with a state directory of its own, lists it from the pool.
        String[] ls = DemoFixture.runInSecondProcess(otherState, "demo", "ls", "--json", "--config", fixture.poolsFile.toString());
        assertThat(ls[0]).as(ls[1]).isEqualTo("0");
        JsonNode listed = new ObjectMapper().readTree(ls[1]);
        assertThat(listed).hasSize(1);
        JsonNode entry = listed.get(0);
        assertThat(entry.get("environment").asText()).isEqualTo(ENV);
        assertThat(entry.get("owner").asText()).isEqualTo(demo.owner()).isNotBlank();
        assertThat(Instant.parse(entry.get("expires").asText())).isEqualTo(demo.expires());
        assertThat(demo.expires()).isEqualTo(demo.created().plus(Duration.ofDays(3)));
        assertThat(entry.get("expired").asBoolean()).isFalse();
        assertThat(entry.get("state").asText()).isEqualTo("running");
        assertThat(entry.get("entryPoints").get(0).get("url").asText()).isEqualTo(demo.entryPoints().get(0).url());
        assertThat(otherState.resolve("envboard/deploys.jsonl")).as("no local history to read it from: it came from the pool").doesNotExist();

        // Teardown leaves nothing: no container, network, label or record; the hosts are Unassigned.
        TeardownResult teardown = fixture.app.demoService().teardown(fixture.pool(), ENV, listener, new CancelToken());
        assertThat(teardown.outcome()).as(teardown.message() + "\n" + String.join("\n", log)).isEqualTo(TeardownResult.Outcome.DONE);
        assertNothingLeft();
    }

    @Test
    void extendKeepAndExpiryByAnInjectedClockNeverRemoveTheDemo() throws Exception {
        LaunchResult result = launch(Map.of());
        assertThat(result.outcome()).as(result.message()).isEqualTo(LaunchResult.Outcome.LAUNCHED);
        Demo demo = result.demo();
        Set<String> running = ids();
        Demos demos = fixture.app.demoService();

        Demo extended = demos.extend(fixture.pool(), ENV, Duration.ofDays(1));
        assertThat(extended.expires()).isEqualTo(demo.expires().plus(Duration.ofDays(1)));
        assertThat(demos.find(fixture.pool(), ENV).orElseThrow().expires()).as("read back from the pool").isEqualTo(extended.expires());
        try {
            demos.extend(fixture.pool(), ENV, Duration.ofDays(11));
            throw new AssertionError("an extension past the template's 14 days was accepted");
        } catch (DemoException refused) {
            assertThat(refused.refused()).isTrue();
            assertThat(refused.getMessage()).contains("cannot live past " + demo.created().plus(Duration.ofDays(14))).contains("keep it");
        }

        // Four days and a minute later by the clock: expired, listed so, offered for teardown, and still running.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(4).plusMinutes(1));
        DemoService atLater = fixture.demoServiceAt(later);
        Demo listed = atLater.list(fixture.pool()).demos().stream().filter(d -> d.environment().equals(ENV)).findFirst().orElseThrow();
        assertThat(atLater.expiry().isExpired(listed)).isTrue();
        assertThat(atLater.expiry().crossedSince(listed, listed.created()))
                .containsExactly(DemoExpiry.Threshold.DAY, DemoExpiry.Threshold.HOUR, DemoExpiry.Threshold.TEN_MINUTES, DemoExpiry.Threshold.EXPIRED);
        assertThat(ids()).as("an expired demo is never removed by itself").isEqualTo(running);

        // As the CLI sees an expired demo: listed by --expired with the teardown offered; nothing removed.
        new PoolDemoRecords(fixture.app.poolRecords(), fixture.app.poolInspector())
                .put(fixture.pool(), listed.withExpires(Instant.now().minusSeconds(60)));
        String[] expired = cli("demo", "ls", "--expired", "--config", fixture.poolsFile.toString());
        assertThat(expired[0]).as(expired[2]).isEqualTo("0");
        assertThat(expired[1]).contains(ENV).contains("expired 1m ago").contains(ENV + " has expired: `envboard demo teardown " + ENV + "`");
        assertThat(ids()).isEqualTo(running);

        // Kept: exempt from expiry, even by the later clock; --expired no longer lists it.
        Demo kept = demos.keep(fixture.pool(), ENV, true);
        assertThat(kept.keep()).isTrue();
        Demo keptLater = atLater.find(fixture.pool(), ENV).orElseThrow();
        assertThat(atLater.expiry().isExpired(keptLater)).isFalse();
        assertThat(atLater.expiry().describe(keptLater)).isEqualTo("kept");
        assertThat(cli("demo", "ls", "--expired", "--config", fixture.poolsFile.toString())[1]).doesNotContain(ENV);
        String[] off = cli("demo", "keep", ENV, "--off", "--config", fixture.poolsFile.toString());
        assertThat(off[0]).as(off[2]).isEqualTo("0");
        assertThat(demos.find(fixture.pool(), ENV).orElseThrow().keep()).isFalse();
        assertThat(ids()).isEqualTo(running);

        String[] teardown = cli("demo", "teardown", ENV, "--config", fixture.poolsFile.toString());
        assertThat(teardown[0]).as(teardown[2]).isEqualTo("0");
        assertNothingLeft();
    }

    @Test
    void launchingWithTooFewFreeHostsSaysHowManyAreMissingAndChangesNothing() throws Exception {
        guard.setEnvironment("envboard-host-1", "qa"); // only envboard-host-2 is free
        Map<String, List<String>> labels = new HashMap<>();
        HOSTS.forEach(host -> labels.put(host, guard.liveLabels(host)));
        Map<String, byte[]> files = new HashMap<>();
        for (String host : HOSTS) {
            files.put(host, Files.readAllBytes(guard.daemonJson(host)));
        }
        Set<String> before = allContainerIds();

        String[] run = cli("demo", "launch", "webshop", "--customer", "acme", "--pool", DemoFixture.POOL,
                "--config", fixture.poolsFile.toString());

        assertThat(run[0]).as(run[2]).isEqualTo("3");
        assertThat(run[2]).contains("needs 2 free hosts").contains("has 1 in Unassigned (envboard-host-2): 1 missing")
                .contains("nothing was changed");
        for (String host : HOSTS) {
            assertThat(guard.liveLabels(host)).as(host).isEqualTo(labels.get(host));
            assertThat(Files.readAllBytes(guard.daemonJson(host))).as(host).isEqualTo(files.get(host));
            assertThat(fixture.records(host, ENV)).isEmpty();
        }
        assertThat(allContainerIds()).isEqualTo(before);
        assertThat(guard.newSiblings("envboard-host-2")).as("no daemon.json backup: nothing was written").isEmpty();
        assertThat(fixture.app.demoService().find(fixture.pool(), ENV)).isEmpty();
    }

    @Test
    void aTeardownThatCannotReachAnEngineIsStuckNamingWhatIsLeftAndCleanupFinishesIt() throws Exception {
        LaunchResult result = launch(Map.of());
        assertThat(result.outcome()).as(result.message()).isEqualTo(LaunchResult.Outcome.LAUNCHED);
        assertThat(fixture.containers("envboard-host-2", ENV)).isNotEmpty();
        sandbox.stopEngine("envboard-host-2");

        TeardownResult stuck = fixture.app.demoService().teardown(fixture.pool(), ENV, listener, new CancelToken());

        assertThat(stuck.outcome()).as(stuck.message()).isEqualTo(TeardownResult.Outcome.STUCK);
        assertThat(stuck.left()).anySatisfy(left -> assertThat(left).startsWith("envboard-host-2 does not answer")
                        .contains("whatever of " + ENV + " it holds (containers, networks) is still there"))
                .anySatisfy(left -> assertThat(left).startsWith("label environment=" + ENV + " on envboard-host-2"));
        assertThat(stuck.left()).noneMatch(left -> left.contains("envboard-host-1"));
        assertThat(stuck.message()).contains(ENV + " is stuck").contains("envboard demo cleanup " + ENV);
        Demo recorded = fixture.app.demoService().find(fixture.pool(), ENV).orElseThrow();
        assertThat(recorded.state()).isEqualTo(DemoState.STUCK);
        assertThat(recorded.left()).isEqualTo(stuck.left());
        assertThat(fixture.containers("envboard-host-1", ENV)).as("what could go, went").isEmpty();
        assertThat(guard.liveLabelMap("envboard-host-1")).doesNotContainKey("environment");

        sandbox.startEngine("envboard-host-2");
        String[] cleanup = cli("demo", "cleanup", ENV, "--config", fixture.poolsFile.toString());
        assertThat(cleanup[0]).as(cleanup[1] + cleanup[2]).isEqualTo("0");
        assertThat(cleanup[1]).contains(ENV + " is torn down");
        assertNothingLeft();
    }

    /** No container, network, label or record of the demo on either engine; both hosts Unassigned; nothing listed. */
    private void assertNothingLeft() {
        for (String host : HOSTS) {
            assertThat(fixture.containers(host, ENV)).as("containers on %s", host).isEmpty();
            assertThat(fixture.networks(host, ENV)).as("networks on %s", host).isEmpty();
            assertThat(fixture.records(host, ENV)).as("records on %s", host).isEmpty();
            assertThat(guard.liveLabelMap(host)).as("labels of %s", host).doesNotContainKey("environment");
        }
        assertThat(fixture.app.demoService().list(fixture.pool()).demos()).extracting(Demo::environment).doesNotContain(ENV);
    }

    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        for (String host : HOSTS) {
            fixture.containers(host, ENV).forEach(line -> {
                assertThat(line).endsWith(" running");
                ids.add(line.split(" ")[1]);
            });
        }
        return ids;
    }

    private Set<String> allContainerIds() {
        Set<String> ids = new HashSet<>();
        for (String host : HOSTS) {
            String out = sandbox.docker(sandbox.engine(host), "ps", "-aq");
            ids.addAll(out.isBlank() ? List.of() : out.lines().toList());
        }
        return ids;
    }

    /** The CLI as Main wires it, in this process; exit code, stdout, stderr. */
    private String[] cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(DemoFixture.env(fixture.dir.resolve("state")), config -> 1, Prompt.NOBODY)
                .run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }
}
