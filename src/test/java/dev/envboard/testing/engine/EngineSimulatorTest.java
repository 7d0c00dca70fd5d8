package dev.envboard.testing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.cli.GuiStarter;
import dev.envboard.cli.Prompt;
import dev.envboard.containers.ContainerLister;
import dev.envboard.containers.ContainerRow;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Envboard's own code, docker-java and its HTTP transport included, reading simulated engines:
 * a 50-node Swarm and 20 standalone engines on loopback ports. No sandbox needed.
 */
class EngineSimulatorTest {
    private static final List<String> ENVIRONMENTS = List.of("qa", "staging", "demo", "perf", "dev");
    private static final int NODES = 50;
    private static final int TASKS_PER_NODE = 2;
    private static final int ENGINES = 20;
    private static final int CONTAINERS_PER_HOST = 3;

    @TempDir
    Path dir;
    private EngineSimulator sim;
    private VirtualSwarm swarm;
    private List<VirtualEngine> standalone;
    private PoolsConfig config;
    private DockerClients clients;
    private ExecutorService io;

    @BeforeEach
    void setUp() {
        sim = EngineSimulator.start();
        swarm = sim.swarm("sim-swarm", NODES, ENVIRONMENTS, TASKS_PER_NODE);
        standalone = sim.standalone("sim-hosts", ENGINES, ENVIRONMENTS, CONTAINERS_PER_HOST);
        Path file = sim.writePoolsYaml(dir.resolve("pools.yaml"));
        config = new PoolsFileLoader(dir, "root").load(file);
        assertThat(config.errors()).as(sim.poolsYaml()).isEmpty();
        clients = new DockerClients();
        io = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        clients.close();
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
        sim.close();
    }

    private PoolSnapshot inspect(String pool) throws Exception {
        PoolSpec spec = config.pool(pool).orElseThrow();
        return new PoolInspector(clients, io, Clock.systemUTC()).inspect(spec).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theInspectorSeesEverySwarmNodeAndEngineWithItsEnvironment() throws Exception {
        PoolSnapshot swarmSnapshot = inspect("sim-swarm");
        assertThat(swarmSnapshot.status()).as(swarmSnapshot.message()).isEqualTo(PoolStatus.ONLINE);
        assertThat(swarmSnapshot.kind()).isEqualTo(PoolKind.SWARM);
        Map<String, Host> byNode = new HashMap<>();
        swarmSnapshot.hosts().forEach(h -> byNode.put(h.nodeId(), h));
        assertThat(byNode).hasSize(NODES);
        for (VirtualNode node : swarm.nodes()) {
            Host host = byNode.get(node.id());
            assertThat(host).as(node.hostname()).isNotNull();
            assertThat(host.hostname()).isEqualTo(node.hostname());
            assertThat(host.environment()).isEqualTo(node.labels.get("environment"));
            assertThat(host.running()).as("running tasks of " + node.hostname()).isEqualTo(TASKS_PER_NODE);
        }
        assertThat(swarmSnapshot.hosts()).filteredOn(Host::leader).singleElement()
                .extracting(Host::nodeId).isEqualTo(swarm.manager().id());

        PoolSnapshot hosts = inspect("sim-hosts");
        assertThat(hosts.status()).as(hosts.message()).isEqualTo(PoolStatus.ONLINE);
        assertThat(hosts.hosts()).hasSize(ENGINES);
        for (VirtualEngine engine : standalone) {
            Host host = hosts.hosts().stream().filter(h -> engine.id().equals(h.engineId())).findFirst().orElseThrow();
            assertThat(host.hostname()).isEqualTo(engine.name());
            assertThat(host.environment()).isEqualTo(engine.labels().get("environment"));
            assertThat(host.key().entry()).isEqualTo(engine.endpoint());
            assertThat(host.running()).isEqualTo(CONTAINERS_PER_HOST);
        }
    }

    @Test
    void nodesJsonListsEveryHostWithItsEnvironment() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        GuiStarter noGui = c -> {
            throw new AssertionError("a headless command must not open the window");
        };
        int code = TestCli.of(Map.of(), noGui, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err),
                "nodes", "--json", "--config", dir.resolve("pools.yaml").toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode pools = new ObjectMapper().readTree(out.toString());
        assertThat(pools).hasSize(2);
        Map<String, String> environments = new HashMap<>();
        for (JsonNode pool : pools) {
            assertThat(pool.get("status").asText()).as(pool.get("pool").asText()).isEqualTo("online");
            pool.get("hosts").forEach(h -> environments.put(h.get("hostname").asText(), h.get("environment").asText()));
        }
        Map<String, String> expected = new HashMap<>();
        swarm.nodes().forEach(n -> expected.put(n.hostname(), n.labels.get("environment")));
        standalone.forEach(e -> expected.put(e.name(), e.labels().get("environment")));
        assertThat(environments).isEqualTo(expected);
    }

    @Test
    void theContainerListerReadsEveryContainerAndSeesAChange() throws Exception {
        PoolSnapshot snapshot = inspect("sim-hosts");
        ContainerLister lister = new ContainerLister(clients);
        ContainerLister.Listing listing = lister.list(snapshot);
        assertThat(listing.unreachable()).isEmpty();
        assertThat(listing.rows()).hasSize(ENGINES * CONTAINERS_PER_HOST);
        for (VirtualEngine engine : standalone) {
            for (VirtualContainer c : engine.containers()) {
                ContainerRow row = listing.rows().stream().filter(r -> r.containerId().equals(c.id())).findFirst().orElseThrow();
                assertThat(row.name()).isEqualTo(c.name());
                assertThat(row.host()).isEqualTo(engine.name());
                assertThat(row.state()).isEqualTo("running");
                assertThat(row.health()).isEqualTo(c.health());
                assertThat(row.environment()).isEqualTo(engine.labels().get("environment"));
                assertThat(row.ports()).isEqualTo("8080/tcp");
            }
        }

        VirtualEngine engine = standalone.get(7);
        VirtualContainer victim = engine.containers().get(0);
        sim.changeContainer(engine, victim.id(), ContainerChange.DIE);
        ContainerRow died = lister.list(snapshot).rows().stream()
                .filter(r -> r.containerId().equals(victim.id())).findFirst().orElseThrow();
        assertThat(died.state()).isEqualTo("exited");
        assertThat(died.error()).isEqualTo("exit code 1");
    }

    @Test
    void swarmTaskContainersReadAsDockerServicePsNamesThem() throws Exception {
        PoolSnapshot snapshot = inspect("sim-swarm");
        ContainerLister.Listing listing = new ContainerLister(clients).list(snapshot);
        assertThat(listing.unreachable()).isEmpty();
        assertThat(listing.rows()).hasSize(NODES * TASKS_PER_NODE);
        VirtualTask task = swarm.tasks().get(3);
        ContainerRow row = listing.rows().stream().filter(r -> r.containerId().equals(task.container().id()))
                .findFirst().orElseThrow();
        assertThat(row.name()).isEqualTo(task.service.fullName() + "." + task.slot);
        assertThat(row.service()).isEqualTo(task.service.fullName());
        assertThat(row.environment()).isEqualTo(task.service.stack());
        assertThat(row.host()).isEqualTo(task.node().hostname());
    }

    @Test
    void aPoolWatchFollowsEveryNodesContainersOnAFewWorkerThreadsNotOnePerEngine() throws Exception {
        PoolSnapshot snapshot = inspect("sim-swarm");
        Map<String, ContainerRow> rows = new java.util.concurrent.ConcurrentHashMap<>();
        dev.envboard.containers.RowSink sink = new dev.envboard.containers.RowSink() {
            @Override
            public void upsert(ContainerRow row) {
                rows.put(row.key(), row);
            }

            @Override
            public void remove(String key) {
                rows.remove(key);
            }

            @Override
            public void hostState(String host, String problem) {
            }
        };
        java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (dev.envboard.containers.PoolContainerWatch watch = new dev.envboard.containers.PoolContainerWatch(snapshot, clients, timer, io, sink)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> rows.values().stream().filter(r -> r.containerId() != null).count() == NODES * TASKS_PER_NODE);
            long workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("envboard-containers")).count();
            assertThat(workers).as("threads reading " + NODES + " engines").isLessThanOrEqualTo(6);

            VirtualTask task = swarm.tasks().get(17);
            sim.changeTask(task, "failed");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> rows.values().stream()
                    .anyMatch(r -> task.container().id().equals(r.containerId()) && r.state().equals("exited")));
        } finally {
            timer.shutdownNow();
        }
    }
}
