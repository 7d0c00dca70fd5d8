package dev.envboard.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
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
 * A container with a 1 s healthcheck makes three exec_* events a second. A feed asking for the
 * actions it shows gets its health_status and die events and none of those; a feed asking for all
 * actions, over the same time, gets them (so the filter is what keeps them away).
 */
@ExtendWith(SandboxExtension.class)
class EventFeedActionsTest {
    private static final String NAME = "envboard-test-healthcheck";

    private Sandbox sandbox;
    private Sandbox.Engine engine;
    private DockerClients clients;
    private ScheduledExecutorService timer;
    private ExecutorService io;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        engine = sandbox.engine("envboard-host-1");
        clients = new DockerClients();
        timer = Executors.newSingleThreadScheduledExecutor();
        io = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        sandbox.docker(engine, "rm", "-f", NAME);
        timer.shutdownNow();
        io.shutdownNow();
        clients.close();
    }

    @Test
    void onlyTheAskedActionsComeFromTheEngine() {
        PoolsConfig config = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile());
        EngineSpec host = config.pool("sandbox-hosts").orElseThrow().engines().stream()
                .filter(e -> e.name().equals(engine.name())).findFirst().orElseThrow();
        EndpointSpec endpoint = host.endpoint();
        List<Event> filtered = new CopyOnWriteArrayList<>();
        List<Event> everything = new CopyOnWriteArrayList<>();
        List<EventFeed.State> states = new CopyOnWriteArrayList<>();
        try (EventFeed asked = feed(endpoint, List.of("start", "die", "health_status"), filtered, states);
             EventFeed all = feed(endpoint, List.of(), everything, states)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> states.stream().filter(s -> s == EventFeed.State.LIVE).count() >= 2);
            sandbox.docker(engine, "run", "-d", "--name", NAME, "--health-cmd", "true", "--health-interval", "1s",
                    "envboard/demo:1", "sleep", "600");
            await().atMost(Duration.ofSeconds(30)).until(() -> actions(filtered).stream().anyMatch(a -> a.startsWith("health_status"))
                    && actions(everything).stream().filter(a -> a.startsWith("exec_")).count() >= 6);
            sandbox.docker(engine, "stop", "-t", "1", NAME);
            await().atMost(Duration.ofSeconds(30)).until(() -> actions(filtered).contains("die"));

            assertThat(actions(filtered)).contains("start").allMatch(a -> a.equals("start") || a.equals("die")
                    || a.startsWith("health_status"));
            assertThat(actions(everything)).anyMatch(a -> a.startsWith("exec_start"));
        }
    }

    private EventFeed feed(EndpointSpec endpoint, List<String> actions, List<Event> into, List<EventFeed.State> states) {
        EventFeed feed = new EventFeed(clients.stream(endpoint), clients.quick(endpoint), List.of(EventType.CONTAINER), actions,
                timer, io, new EventFeed.Listener() {
                    @Override
                    public void onEvent(Event event) {
                        Object name = event.getActor() == null || event.getActor().getAttributes() == null
                                ? null : event.getActor().getAttributes().get("name");
                        if (NAME.equals(name)) {
                            into.add(event);
                        }
                    }

                    @Override
                    public void onState(EventFeed.State state, String detail) {
                        states.add(state);
                    }
                });
        feed.start();
        return feed;
    }

    private static List<String> actions(List<Event> events) {
        return events.stream().map(Event::getAction).toList();
    }
}
