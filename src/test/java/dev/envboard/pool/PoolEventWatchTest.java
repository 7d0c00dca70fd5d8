package dev.envboard.pool;

import static org.awaitility.Awaitility.await;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Changes made outside Envboard reach it through the engines' event streams, not polling. A feed
 * that (re)connects asks for a refresh too, so each test waits for a refresh caused by the very
 * event its change makes, not for any refresh.
 */
@ExtendWith(SandboxExtension.class)
class PoolEventWatchTest {
    private Sandbox sandbox;
    private DockerClients clients;
    private ScheduledExecutorService timer;
    private ExecutorService io;
    private PoolsConfig config;
    private final List<List<PoolEventWatch.Cause>> refreshes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        clients = new DockerClients();
        timer = Executors.newSingleThreadScheduledExecutor();
        io = Executors.newCachedThreadPool();
        config = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile());
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
        io.shutdownNow();
        clients.close();
    }

    private PoolEventWatch watch(PoolSpec pool) {
        PoolEventWatch watch = new PoolEventWatch(pool, clients, timer, io, (change, causes) -> refreshes.add(causes));
        // Connected: every engine's feed is live (and asked for a refresh saying so).
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.endpoints().stream().allMatch(endpoint ->
                refreshedBecause(new PoolEventWatch.Cause(endpoint.toString(), "live"))));
        return watch;
    }

    private boolean refreshedBecause(PoolEventWatch.Cause cause) {
        return refreshes.stream().anyMatch(causes -> causes.contains(cause));
    }

    @Test
    void aNodeLabelSetWithTheCliTriggersARefresh() {
        PoolSpec pool = config.pool("sandbox-swarm").orElseThrow();
        String nodeId = sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.ID}}", "envboard-swarm-3");
        try (PoolEventWatch watch = watch(pool)) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "eventprobe=1", "envboard-swarm-3");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    refreshedBecause(new PoolEventWatch.Cause(pool.manager().toString(), "node update " + nodeId)));
        } finally {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "eventprobe", "envboard-swarm-3");
        }
    }

    @Test
    void aDaemonReloadOnAStandaloneEngineTriggersARefresh() throws Exception {
        PoolSpec pool = config.pool("sandbox-hosts").orElseThrow();
        EngineSpec host1 = pool.engines().stream().filter(e -> e.name().equals("envboard-host-1")).findFirst().orElseThrow();
        Sandbox.Engine engine = sandbox.engine("envboard-host-1");
        String engineId = sandbox.docker(engine, "info", "--format", "{{.ID}}");
        try (PoolEventWatch watch = watch(pool)) {
            long pid = Long.parseLong(Files.readString(engine.pidFile()).trim());
            new ProcessBuilder("kill", "-HUP", String.valueOf(pid)).start().waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    refreshedBecause(new PoolEventWatch.Cause(host1.endpoint().toString(), "daemon reload " + engineId)));
        }
    }
}
