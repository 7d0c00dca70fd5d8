package dev.envboard.pool;

import static org.awaitility.Awaitility.await;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Changes made outside Envboard reach it through the engines' event streams, not polling. */
@ExtendWith(SandboxExtension.class)
class PoolEventWatchTest {
    private Sandbox sandbox;
    private DockerClients clients;
    private ScheduledExecutorService timer;
    private ExecutorService io;
    private PoolsConfig config;

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

    @Test
    void aNodeLabelSetWithTheCliTriggersARefresh() {
        AtomicInteger changes = new AtomicInteger();
        try (PoolEventWatch watch = new PoolEventWatch(config.pool("sandbox-swarm").orElseThrow(), clients, timer, io,
                changes::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() >= 1); // connected
            int before = changes.get();
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "eventprobe=1", "envboard-swarm-3");
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() > before);
        } finally {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "eventprobe", "envboard-swarm-3");
        }
    }

    @Test
    void aDaemonReloadOnAStandaloneEngineTriggersARefresh() throws Exception {
        AtomicInteger changes = new AtomicInteger();
        try (PoolEventWatch watch = new PoolEventWatch(config.pool("sandbox-hosts").orElseThrow(), clients, timer, io,
                changes::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() >= 1);
            int before = changes.get();
            Sandbox.Engine host = sandbox.engine("envboard-host-1");
            long pid = Long.parseLong(java.nio.file.Files.readString(host.pidFile()).trim());
            new ProcessBuilder("kill", "-HUP", String.valueOf(pid)).start().waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.get() > before);
        }
    }
}
