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
import java.io.IOException;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's tcp+TLS engine followed through the shared event client: with its own PEM files
 * the stream is live and carries a container's events; with a CA that did not sign the engine's
 * certificate the handshake fails and the stream never goes live (verification as docker-java's).
 */
@ExtendWith(SandboxExtension.class)
class MultiplexedEventsTlsTest {
    private static final String NAME = "envboard-test-tls-events";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Sandbox.Engine engine;
    private EndpointSpec endpoint;
    private DockerClients clients;
    private DockerClients otherClients;
    private ScheduledExecutorService timer;
    private ExecutorService io;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        engine = sandbox.engine("envboard-host-2");
        PoolsConfig config = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile());
        EngineSpec host = config.pool("sandbox-hosts").orElseThrow().engines().stream()
                .filter(e -> e.name().equals(engine.name())).findFirst().orElseThrow();
        endpoint = host.endpoint();
        assertThat(endpoint.usesTls()).as("the sandbox's TLS engine").isTrue();
        clients = new DockerClients();
        otherClients = new DockerClients();
        timer = Executors.newSingleThreadScheduledExecutor();
        io = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        sandbox.docker(engine, "rm", "-f", NAME);
        clients.close();
        otherClients.close();
        timer.shutdownNow();
        io.shutdownNow();
    }

    private EventFeed follow(DockerClients from, EndpointSpec endpoint, List<Event> events, List<EventFeed.State> states,
                             List<String> details) {
        EventSource source = from.events(endpoint);
        assertThat(source).as("a tcp+TLS engine is followed on the shared client").isNotInstanceOf(DockerJavaEvents.class);
        EventFeed feed = new EventFeed(source, from.quick(endpoint), List.of(EventType.CONTAINER), List.of("start", "die"),
                timer, io, new EventFeed.Listener() {
                    @Override
                    public void onEvent(Event event) {
                        events.add(event);
                    }

                    @Override
                    public void onState(EventFeed.State state, String detail) {
                        states.add(state);
                        if (detail != null) {
                            details.add(detail);
                        }
                    }
                });
        feed.start();
        return feed;
    }

    @Test
    void aContainersEventsArriveOverTlsWithTheEnginesOwnFiles() {
        List<Event> events = new CopyOnWriteArrayList<>();
        List<EventFeed.State> states = new CopyOnWriteArrayList<>();
        List<String> details = new CopyOnWriteArrayList<>();
        try (EventFeed feed = follow(clients, endpoint, events, states, details)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> states.contains(EventFeed.State.LIVE));
            sandbox.docker(engine, "run", "--name", NAME, "envboard/demo:1", "true");
            await().atMost(Duration.ofSeconds(30)).until(() -> actionsOf(events).containsAll(List.of("start", "die")));
            assertThat(actionsOf(events)).containsSubsequence("start", "die");
            assertThat(details).as("the stream was never lost").isEmpty();
        }
    }

    @Test
    void aCaThatDidNotSignTheEnginesCertificateFailsTheHandshake() throws IOException {
        // The client's own certificate as the only trusted one: it signed nothing the engine shows.
        Path wrong = Files.createDirectories(dir.resolve("wrong-ca"));
        Files.copy(endpoint.tlsDir().resolve("cert.pem"), wrong.resolve("ca.pem"));
        Files.copy(endpoint.tlsDir().resolve("cert.pem"), wrong.resolve("cert.pem"));
        Files.copy(endpoint.tlsDir().resolve("key.pem"), wrong.resolve("key.pem"));
        EndpointSpec untrusted = new EndpointSpec(endpoint.uri(), wrong, false);
        List<EventFeed.State> states = new CopyOnWriteArrayList<>();
        List<String> details = new CopyOnWriteArrayList<>();
        try (EventFeed feed = follow(otherClients, untrusted, new CopyOnWriteArrayList<>(), states, details)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> states.contains(EventFeed.State.RECONNECTING));
            assertThat(states).doesNotContain(EventFeed.State.LIVE);
            assertThat(details.get(0)).startsWith("TLS handshake failed");
        }
    }

    private static List<String> actionsOf(List<Event> events) {
        return events.stream().filter(e -> e.getActor() != null && e.getActor().getAttributes() != null
                && NAME.equals(e.getActor().getAttributes().get("name"))).map(Event::getAction).toList();
    }
}
