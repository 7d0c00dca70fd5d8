package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.engine.ContainerChange;
import dev.envboard.testing.engine.EngineSimulator;
import dev.envboard.testing.engine.VirtualContainer;
import dev.envboard.testing.engine.VirtualEngine;
import dev.envboard.testing.engine.VirtualNode;
import dev.envboard.testing.engine.VirtualSwarm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label changed on a simulated engine reaches the PoolMonitor through that engine's /events
 * stream (PoolEventWatch), not through its periodic inspection, which here is an hour away.
 */
class SimulatedPoolEventsTest {
    private static final List<String> ENVIRONMENTS = List.of("qa", "staging", "demo");

    @TempDir
    Path dir;
    private EngineSimulator sim;
    private VirtualSwarm swarm;
    private List<VirtualEngine> standalone;
    private PoolsConfig config;
    private DockerClients clients;
    private ScheduledExecutorService timer;
    private ExecutorService io;
    private PoolMonitor monitor;
    private final List<List<PoolEventWatch.Cause>> refreshes = new CopyOnWriteArrayList<>();
    private final Map<String, PoolSnapshot> latest = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        sim = EngineSimulator.start();
        swarm = sim.swarm("sim-swarm", 30, ENVIRONMENTS, 1);
        standalone = sim.standalone("sim-hosts", 10, ENVIRONMENTS, 1);
        config = new PoolsFileLoader(dir, "root").load(sim.writePoolsYaml(dir.resolve("pools.yaml")));
        clients = new DockerClients();
        timer = Executors.newScheduledThreadPool(2);
        io = Executors.newCachedThreadPool();
        monitor = new PoolMonitor(new PoolInspector(clients, io, Clock.systemUTC()), timer, Duration.ofHours(1),
                (pool, onChange) -> new PoolEventWatch(pool, clients, timer, io, (change, causes) -> {
                    refreshes.add(causes);
                    onChange.accept(change);
                }));
    }

    @AfterEach
    void tearDown() {
        monitor.close();
        clients.close();
        timer.shutdownNow();
        io.shutdownNow();
        sim.close();
    }

    private PoolSpec watch(String name) {
        PoolSpec pool = config.pool(name).orElseThrow();
        monitor.watch(pool, snapshot -> latest.put(name, snapshot));
        // Every engine's feed is live: a change from now on is seen through its stream.
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.endpoints().stream().allMatch(endpoint ->
                refreshedBecause(new PoolEventWatch.Cause(endpoint.toString(), "live"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> latest.containsKey(name)
                && latest.get(name).status() == PoolStatus.ONLINE);
        return pool;
    }

    private boolean refreshedBecause(PoolEventWatch.Cause cause) {
        return refreshes.stream().anyMatch(causes -> causes.contains(cause));
    }

    private String environmentOf(String pool, java.util.function.Predicate<Host> which) {
        PoolSnapshot snapshot = latest.get(pool);
        return snapshot.hosts().stream().filter(which).findFirst().map(Host::environment).orElse(null);
    }

    @Test
    void aNodeLabelChangeReachesTheMonitorThroughTheManagersEvents() {
        PoolSpec pool = watch("sim-swarm");
        VirtualNode node = swarm.nodes().get(17);
        assertThat(environmentOf("sim-swarm", h -> node.id().equals(h.nodeId())))
                .isEqualTo(node.labels().get(EngineSimulator.LABEL_KEY)).isNotEqualTo("moved");

        sim.changeLabel(node, EngineSimulator.LABEL_KEY, "moved");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                refreshedBecause(new PoolEventWatch.Cause(pool.manager().toString(), "node update " + node.id())));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "moved".equals(environmentOf("sim-swarm", h -> node.id().equals(h.nodeId()))));
    }

    @Test
    void anEngineLabelReloadReachesTheMonitorThroughThatEnginesEvents() {
        PoolSpec pool = watch("sim-hosts");
        VirtualEngine engine = standalone.get(4);
        EngineSpec spec = pool.engines().stream().filter(e -> e.name().equals(engine.name())).findFirst().orElseThrow();
        assertThat(environmentOf("sim-hosts", h -> engine.id().equals(h.engineId())))
                .isEqualTo(engine.labels().get(EngineSimulator.LABEL_KEY)).isNotEqualTo("moved");

        sim.changeLabel(engine, EngineSimulator.LABEL_KEY, "moved");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                refreshedBecause(new PoolEventWatch.Cause(spec.endpoint().toString(), "daemon reload " + engine.id())));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "moved".equals(environmentOf("sim-hosts", h -> engine.id().equals(h.engineId()))));
    }

    @Test
    void aContainerStopOnOneEngineReadsThatEngineAgainAndNoOther() {
        watch("sim-hosts");
        VirtualEngine engine = standalone.get(4);
        VirtualContainer running = engine.containers().stream().filter(c -> c.state().equals("running")).findFirst().orElseThrow();
        int before = runningOn("sim-hosts", engine);
        Map<VirtualEngine, Long> infos = awaitQuiet(standalone, "/info");

        sim.changeContainer(engine, running.id(), ContainerChange.DIE);

        await().atMost(Duration.ofSeconds(10)).until(() -> runningOn("sim-hosts", engine) == before - 1);
        Map<VirtualEngine, Long> after = awaitQuiet(standalone, "/info");
        assertThat(after.get(engine)).as("the engine that stopped a container").isGreaterThan(infos.get(engine));
        standalone.stream().filter(e -> e != engine).forEach(other ->
                assertThat(after.get(other)).as(other.name() + " was not asked again").isEqualTo(infos.get(other)));
        assertThat(latest.get("sim-hosts").hosts()).hasSize(standalone.size());
    }

    @Test
    void aNodeLabelChangeReadsTheNodeListAgainButNotTheTasks() {
        watch("sim-swarm");
        VirtualNode node = swarm.nodes().get(9);
        VirtualEngine manager = swarm.manager().engine();
        Map<String, Integer> running = runningByNode();
        assertThat(running.values()).as("each node runs its task").containsOnly(1);
        long tasks = awaitQuiet(List.of(manager), "/tasks").get(manager);
        long nodes = manager.requests("/nodes");

        sim.changeLabel(node, EngineSimulator.LABEL_KEY, "moved");

        await().atMost(Duration.ofSeconds(10)).until(() -> "moved".equals(environmentOf("sim-swarm", h -> node.id().equals(h.nodeId()))));
        assertThat(manager.requests("/nodes")).isGreaterThan(nodes);
        assertThat(awaitQuiet(List.of(manager), "/tasks").get(manager)).as("the tasks were not listed again").isEqualTo(tasks);
        assertThat(runningByNode()).as("the task counts are kept").isEqualTo(running);
    }

    private int runningOn(String pool, VirtualEngine engine) {
        PoolSnapshot snapshot = latest.get(pool);
        return snapshot.hosts().stream().filter(h -> engine.id().equals(h.engineId())).findFirst().orElseThrow().running();
    }

    private Map<String, Integer> runningByNode() {
        Map<String, Integer> running = new java.util.TreeMap<>();
        latest.get("sim-swarm").hosts().forEach(h -> running.put(h.nodeId(), h.running()));
        return running;
    }

    /** The engines' request counts for a path once they stay the same for half a second (nothing more in flight). */
    private static Map<VirtualEngine, Long> awaitQuiet(List<VirtualEngine> engines, String path) {
        Map<VirtualEngine, Long> last = new java.util.HashMap<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<VirtualEngine, Long> now = new java.util.HashMap<>();
            engines.forEach(e -> now.put(e, e.requests(path)));
            boolean same = now.equals(last);
            last.clear();
            last.putAll(now);
            return same;
        });
        return Map.copyOf(last);
    }
}
