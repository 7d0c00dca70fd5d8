package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.engine.EngineSimulator;
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
                (pool, onChange) -> new PoolEventWatch(pool, clients, timer, io, causes -> {
                    refreshes.add(causes);
                    onChange.run();
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
}
