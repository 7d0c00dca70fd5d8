package dev.envboard.testing.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.envboard.cli.GuiStarter;
import dev.envboard.cli.Prompt;
import dev.envboard.containers.ContainerRow;
import dev.envboard.containers.EngineContainerWatch;
import dev.envboard.containers.RowSink;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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

/** The simulator's streams as Envboard and docker-java read them: /events and multiplexed logs. */
class EngineSimulatorStreamsTest {
    @TempDir
    Path dir;
    private EngineSimulator sim;
    private List<VirtualEngine> engines;
    private DockerClients clients;
    private ScheduledExecutorService timer;
    private ExecutorService io;

    @BeforeEach
    void setUp() {
        sim = EngineSimulator.start();
        engines = sim.standalone("sim-hosts", 3, List.of("qa", "staging"), 4);
        clients = new DockerClients();
        timer = Executors.newScheduledThreadPool(2);
        io = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        clients.close();
        timer.shutdownNow();
        io.shutdownNow();
        sim.close();
    }

    private static EndpointSpec endpoint(VirtualEngine engine) {
        return EndpointSpec.parse(engine.endpoint(), null, false);
    }

    @Test
    void theContainerWatchFollowsDieStartAndHealthThroughEvents() {
        VirtualEngine engine = engines.get(1);
        Map<String, ContainerRow> rows = new ConcurrentHashMap<>();
        RowSink sink = new RowSink() {
            @Override
            public void upsert(ContainerRow row) {
                rows.put(row.containerId(), row);
            }

            @Override
            public void remove(String key) {
                rows.values().removeIf(r -> r.key().equals(key));
            }

            @Override
            public void hostState(String host, String problem) {
            }
        };
        VirtualContainer healthy = engine.containers().get(0);
        VirtualContainer plain = engine.containers().get(1);
        assertThat(healthy.health()).isEqualTo("healthy");
        try (EngineContainerWatch watch = new EngineContainerWatch(engine.name(), () -> "staging", clients, endpoint(engine),
                timer, io, sink)) {
            watch.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> rows.size() == 4 && engine.eventSubscribers() == 1);

            sim.changeContainer(engine, healthy.id(), ContainerChange.UNHEALTHY);
            await().atMost(Duration.ofSeconds(10)).until(() -> "unhealthy".equals(rows.get(healthy.id()).health()));

            sim.changeContainer(engine, plain.id(), ContainerChange.DIE);
            await().atMost(Duration.ofSeconds(10)).until(() -> "exited".equals(rows.get(plain.id()).state()));
            assertThat(rows.get(plain.id()).error()).isEqualTo("exit code 1");

            sim.changeContainer(engine, plain.id(), ContainerChange.START);
            await().atMost(Duration.ofSeconds(10)).until(() -> rows.get(plain.id()).isRunning());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.eventSubscribers() == 0);
    }

    @Test
    void eventsHonourTypeAndEventFiltersAndReplaySince() throws Exception {
        VirtualEngine engine = engines.get(0);
        VirtualContainer c = engine.containers().get(0);
        long before = System.currentTimeMillis();
        sim.changeContainer(engine, c.id(), ContainerChange.DIE);
        sim.changeLabel(engine, EngineSimulator.LABEL_KEY, "moved");
        sim.changeContainer(engine, c.id(), ContainerChange.START);

        List<Event> seen = new CopyOnWriteArrayList<>();
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                seen.add(event);
            }
        };
        // since= replays the history; only container "die" passes the filters.
        clients.stream(endpoint(engine)).eventsCmd().withEventTypeFilter(EventType.CONTAINER).withEventFilter("die")
                .withSince(String.valueOf(before / 1000 - 1)).exec(callback);
        try (callback) {
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            sim.changeContainer(engine, c.id(), ContainerChange.DIE);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            assertThat(seen).allSatisfy(e -> {
                assertThat(e.getType()).isEqualTo(EventType.CONTAINER);
                assertThat(e.getAction()).isEqualTo("die");
                assertThat(e.getId()).isEqualTo(c.id());
                assertThat(e.getActor().getAttributes()).containsEntry("exitCode", "1").containsEntry("name", c.name());
            });
        }
    }

    @Test
    void logsReadThroughTheCliAsMultiplexedFrames() throws Exception {
        VirtualEngine engine = engines.get(2);
        VirtualContainer c = engine.containers().get(1);
        sim.log(engine, c.id(), false, "hello from stdout");
        sim.log(engine, c.id(), true, "oops on stderr");
        Path pools = sim.writePoolsYaml(dir.resolve("pools.yaml"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        GuiStarter noGui = config -> {
            throw new AssertionError("a headless command must not open the window");
        };
        int code = TestCli.of(Map.of(), noGui, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err),
                "logs", c.name(), "--config", pools.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains(c.name() + " started", "hello from stdout", "oops on stderr");
    }

    @Test
    void closingTheSimulatorEndsOpenStreamsAndFreesItsPorts() throws Exception {
        VirtualEngine engine = engines.get(0);
        List<String> ends = new CopyOnWriteArrayList<>();
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onError(Throwable error) {
                ends.add("error");
            }

            @Override
            public void onComplete() {
                ends.add("complete");
            }
        };
        clients.stream(endpoint(engine)).eventsCmd().exec(callback);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.eventSubscribers() == 1);

        sim.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> !ends.isEmpty());
        assertThat(engine.eventSubscribers()).isZero();
        try (java.net.Socket socket = new java.net.Socket()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", engine.port()), 2000)))
                    .as("nothing listens on the closed engine's port").isInstanceOf(java.io.IOException.class);
        }
    }
}
