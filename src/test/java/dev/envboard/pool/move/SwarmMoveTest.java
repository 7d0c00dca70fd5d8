package dev.envboard.pool.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.audit.AuditEntry;
import dev.envboard.pool.audit.AuditLog;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.label.NodeLabelWriter;
import dev.envboard.runtime.Notices;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Moves of Swarm nodes, checked with the docker CLI on the real manager. */
@ExtendWith(SandboxExtension.class)
class SwarmMoveTest {
    private static final String PROBE = "envboard-move-probe";

    private Sandbox sandbox;
    private DockerClients clients;
    private ExecutorService io;
    private PoolSpec pool;
    private AuditLog audit;
    private MoveService moves;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path state) {
        this.sandbox = sandbox;
        clients = new DockerClients();
        io = Executors.newFixedThreadPool(4);
        pool = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile()).pool("sandbox-swarm").orElseThrow();
        audit = new AuditLog(state, new Notices());
        moves = new MoveService(clients, (p, host) -> new NodeLabelWriter(clients.quick(p.manager()), host.nodeId(), host.hostname()),
                audit, Clock.systemUTC(), "tester");
    }

    @AfterEach
    void restoreSandbox() {
        cli("service", "rm", PROBE);
        setEnvironment("envboard-swarm-1", "qa");
        setEnvironment("envboard-swarm-2", "demo");
        setEnvironment("envboard-swarm-3", null);
        io.shutdownNow();
        clients.close();
    }

    @Test
    void movingANodeRewritesOnlyTheEnvironmentLabel() throws Exception {
        Host swarm3 = host("envboard-swarm-3");
        moves.move(pool, HostMove.of(swarm3, "qa"));

        assertThat(label("envboard-swarm-3", "environment")).isEqualTo("qa");
        assertThat(label("envboard-swarm-3", "rack")).isEqualTo("r3");
        AuditEntry entry = audit.recent(1).get(0);
        assertThat(entry.host()).isEqualTo("envboard-swarm-3");
        assertThat(entry.from()).isNull();
        assertThat(entry.to()).isEqualTo("qa");
        assertThat(entry.succeeded()).isTrue();
        assertThat(entry.user()).isEqualTo("tester");

        moves.move(pool, HostMove.of(host("envboard-swarm-3"), null));
        assertThat(label("envboard-swarm-3", "environment")).isEmpty();
        assertThat(label("envboard-swarm-3", "rack")).isEqualTo("r3");
    }

    @Test
    void aHostLeavingAProtectedEnvironmentIsRefusedAndAuditedUnlessItsNameIsTyped() throws Exception {
        PoolSpec guarded = new PoolSpec(pool.name(), pool.kind(), pool.labelKey(), pool.labelScope(), pool.manager(), pool.engines(),
                pool.stacksDir(), pool.source(), pool.consul(), pool.registryConfig(), java.util.Set.of("qa"));
        Host swarm1 = host("envboard-swarm-1");
        String version = nodeVersion("envboard-swarm-1");
        for (String typed : new String[] {null, "QA", "demo"}) {
            assertThatThrownBy(() -> moves.move(guarded, HostMove.of(swarm1, "demo"), typed)).as(String.valueOf(typed))
                    .isInstanceOf(MoveRefusedException.class)
                    .hasMessage("qa is protected: type its name to confirm (--confirm qa)");
        }
        assertThatThrownBy(() -> moves.move(guarded, HostMove.of(swarm1, null))).as("without a name at all")
                .isInstanceOf(MoveRefusedException.class);
        assertThat(nodeVersion("envboard-swarm-1")).as("the node was not updated at all").isEqualTo(version);
        assertThat(label("envboard-swarm-1", "environment")).isEqualTo("qa");
        AuditEntry refused = audit.recent(1).get(0);
        assertThat(refused.result()).isEqualTo(AuditEntry.REFUSED);
        assertThat(refused.from()).isEqualTo("qa");
        assertThat(refused.error()).isEqualTo("qa is protected: type its name to confirm (--confirm qa)");

        moves.move(guarded, HostMove.of(host("envboard-swarm-3"), "qa"));
        assertThat(label("envboard-swarm-3", "environment")).as("into a protected environment: nothing to type").isEqualTo("qa");
        moves.move(guarded, HostMove.of(swarm1, "demo"), "qa");
        assertThat(label("envboard-swarm-1", "environment")).isEqualTo("demo");
        assertThat(audit.recent(1).get(0).succeeded()).isTrue();
    }

    @Test
    void aTaskConstrainedToTheOldEnvironmentIsMovedOffTheNode() throws Exception {
        createProbe(1, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> runningNodes().equals(List.of("envboard-swarm-2")));
        setEnvironment("envboard-swarm-3", "demo");

        MovePlan plan = moves.plan(pool, List.of(host("envboard-swarm-2")), "qa");
        assertThat(plan.impact().stoppedTasks()).singleElement().asString()
                .startsWith(PROBE + ".1 on envboard-swarm-2").contains("node.labels.environment==demo");
        assertThat(plan.impact().unschedulable()).isEmpty();

        moves.move(pool, plan.moves().get(0));
        assertThat(label("envboard-swarm-2", "environment")).isEqualTo("qa");
        await().atMost(Duration.ofSeconds(30)).until(() -> runningNodes().equals(List.of("envboard-swarm-3")));
    }

    @Test
    void aServiceLeftWithoutEnoughHostsIsNamedBeforeAnythingChanges() {
        createProbe(2, 1);
        setEnvironment("envboard-swarm-3", "demo");
        await().atMost(Duration.ofSeconds(30)).until(() -> runningNodes().size() == 2);

        MovePlan plan = moves.plan(pool, List.of(host("envboard-swarm-2")), "qa");
        assertThat(plan.impact().unschedulable()).singleElement().asString()
                .startsWith(PROBE + ": 2 replicas at most 1 per host, only 1 eligible host left");
        assertThat(label("envboard-swarm-2", "environment")).as("planning changes nothing").isEqualTo("demo");
    }

    @Test
    void anUnknownNodeFailsWithAClearMessage() {
        Host swarm3 = host("envboard-swarm-3");
        String version = nodeVersion("envboard-swarm-3");
        NodeLabelWriter gone = new NodeLabelWriter(clients.quick(pool.manager()), "0000000000nosuchnode0000", swarm3.hostname());
        assertThatThrownBy(() -> gone.write("environment", "qa"))
                .isInstanceOf(LabelChangeException.class)
                .hasMessage("envboard-swarm-3: the Swarm has no node 0000000000nosuchnode0000 any more");
        assertThat(nodeVersion("envboard-swarm-3")).as("no node was updated").isEqualTo(version);
    }

    private Host host(String hostname) {
        PoolSnapshot snapshot = new PoolInspector(clients, io, Clock.systemUTC()).inspect(pool).join();
        return snapshot.hosts().stream().filter(h -> h.hostname().equals(hostname)).findFirst().orElseThrow();
    }

    private void createProbe(int replicas, int maxPerNode) {
        sandbox.docker(sandbox.manager(), "service", "create", "--detach", "--no-resolve-image", "--name", PROBE,
                "--replicas", String.valueOf(replicas), "--replicas-max-per-node", String.valueOf(maxPerNode),
                "--constraint", "node.labels.environment==demo", "--stop-signal", "KILL",
                "envboard/demo:1", "sleep", "3600");
    }

    private List<String> runningNodes() {
        String out = sandbox.docker(sandbox.manager(), "service", "ps", PROBE, "--filter", "desired-state=running",
                "--format", "{{.Node}} {{.CurrentState}}");
        return out.lines().filter(l -> l.contains("Running")).map(l -> l.split(" ")[0]).sorted().toList();
    }

    private String nodeVersion(String node) {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.Version.Index}}", node);
    }

    private String label(String node, String key) {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"" + key + "\"}}", node);
    }

    private void setEnvironment(String node, String env) {
        if (env == null) {
            cli("node", "update", "--label-rm", "environment", node); // absent already is fine
        } else {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + env, node);
        }
    }

    /** docker CLI that tolerates failure (cleanup of things that may not exist). */
    private void cli(String... args) {
        try {
            sandbox.docker(sandbox.manager(), args);
        } catch (AssertionError ignored) {
            // nothing to clean up
        }
    }
}
