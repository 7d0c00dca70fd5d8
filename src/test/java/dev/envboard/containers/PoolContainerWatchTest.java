package dev.envboard.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live containers table against real engines: it ends up equal to docker ps -a. */
@ExtendWith(SandboxExtension.class)
class PoolContainerWatchTest {
    private static final String PROBE = "envboard-watch-probe";
    private final Map<String, ContainerRow> rows = new ConcurrentHashMap<>();
    private final Map<String, String> hostProblems = new ConcurrentHashMap<>();
    private Sandbox sandbox;
    private DockerClients clients;
    private ScheduledExecutorService timer;
    private ExecutorService io;
    private PoolContainerWatch watch;

    private final RowSink sink = new RowSink() {
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
            if (problem == null) {
                hostProblems.remove(host);
            } else {
                hostProblems.put(host, problem);
            }
        }
    };

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        clients = new DockerClients();
        timer = Executors.newSingleThreadScheduledExecutor();
        io = Executors.newCachedThreadPool();
        PoolSpec pool = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile()).pool("sandbox-hosts").orElseThrow();
        PoolSnapshot snapshot = new PoolInspector(clients, io, Clock.systemUTC()).inspect(pool).join();
        watch = new PoolContainerWatch(snapshot, clients, timer, io, sink);
    }

    @AfterEach
    void tearDown() {
        sandbox.startEngine("envboard-host-2");
        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            for (String name : new String[] {PROBE, PROBE + "-after"}) {
                try {
                    sandbox.docker(engine, "rm", "-f", name);
                } catch (AssertionError absent) {
                    // not there
                }
            }
        }
        watch.close();
        timer.shutdownNow();
        io.shutdownNow();
        clients.close();
    }

    @Test
    void followsContainersCreatedStoppedAndRemovedWithTheCli() {
        Sandbox.Engine host = sandbox.engine("envboard-host-1");
        sandbox.docker(host, "run", "-d", "--name", PROBE, "envboard/demo:1", "sleep", "600");
        await().atMost(Duration.ofSeconds(10)).until(() -> probe().map(r -> r.state().equals("running")).orElse(false));
        assertThat(probe().orElseThrow().host()).isEqualTo("envboard-host-1");
        assertThat(probe().orElseThrow().image()).isEqualTo("envboard/demo:1");

        sandbox.docker(host, "stop", "-t", "0", PROBE);
        await().atMost(Duration.ofSeconds(10)).until(() -> probe().map(r -> r.state().equals("exited")).orElse(false));

        sandbox.docker(host, "rm", PROBE);
        await().atMost(Duration.ofSeconds(10)).until(() -> probe().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> idsOn("envboard-host-1").equals(cliIds(host)));
    }

    @Test
    void anEngineRestartedUnderTheWatchIsReconnectedAndTheTableIsRightAfterwards() {
        Sandbox.Engine host = sandbox.engine("envboard-host-2");
        // Running before the restart, without a restart policy: the engine's restart leaves it exited.
        sandbox.docker(host, "run", "-d", "--name", PROBE, "--stop-timeout", "1", "envboard/demo:1", "sleep", "600");
        await().atMost(Duration.ofSeconds(10)).until(() -> probe().map(r -> r.state().equals("running")).orElse(false));
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOn("envboard-host-2").equals(cliRows(host)));
        sandbox.stopEngine("envboard-host-2");
        await().atMost(Duration.ofSeconds(60)).until(() -> hostProblems.containsKey("envboard-host-2"));

        sandbox.startEngine("envboard-host-2");
        await().atMost(Duration.ofSeconds(60)).until(() -> !hostProblems.containsKey("envboard-host-2")
                && probe().map(r -> r.state().equals("exited")).orElse(false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rowsOn("envboard-host-2")).isEqualTo(cliRows(host)));

        // And it follows the engine again: a container started now shows up.
        sandbox.docker(host, "run", "-d", "--name", PROBE + "-after", "envboard/demo:1", "sleep", "600");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rowsOn("envboard-host-2")).isEqualTo(cliRows(host))
                .anySatisfy(row -> assertThat(row).endsWith(" running")));
    }

    private java.util.Optional<ContainerRow> probe() {
        return rows.values().stream().filter(r -> r.name().equals(PROBE)).findFirst();
    }

    private Set<String> idsOn(String host) {
        return rows.values().stream().filter(r -> r.host().equals(host) && r.containerId() != null)
                .map(ContainerRow::containerId).collect(Collectors.toSet());
    }

    /** "id state" of each container the watch shows on a host. */
    private Set<String> rowsOn(String host) {
        return rows.values().stream().filter(r -> r.host().equals(host) && r.containerId() != null)
                .map(r -> r.containerId() + " " + r.state()).collect(Collectors.toSet());
    }

    /** "id state" of each container docker ps -a lists. */
    private Set<String> cliRows(Sandbox.Engine engine) {
        String out = sandbox.docker(engine, "ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.State}}");
        return out.isBlank() ? Set.of() : out.lines().collect(Collectors.toSet());
    }

    private Set<String> cliIds(Sandbox.Engine engine) {
        String out = sandbox.docker(engine, "ps", "-a", "--no-trunc", "-q");
        return out.isBlank() ? Set.of() : Arrays.stream(out.split("\\s+")).collect(Collectors.toSet());
    }
}
