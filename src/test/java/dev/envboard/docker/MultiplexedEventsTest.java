package dev.envboard.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.envboard.runtime.AppExecutors;
import dev.envboard.testing.engine.EngineSimulator;
import dev.envboard.testing.engine.VirtualEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of engines' event streams on the shared client, against the Engine API simulator: a
 * handful of threads for all of them, every engine's event reaching its own listener, a closed
 * feed ending its stream at the engine, and an engine that never answers held against no one.
 */
class MultiplexedEventsTest {
    private static final int ENGINES = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The watchdog at a test's pace: a quiet stream pinged after 2 s, 2 s to answer. */
    private static final EventFeed.Timing QUICK_WATCHDOG = new EventFeed.Timing(Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofMinutes(5), Duration.ofSeconds(2));

    private EngineSimulator sim;
    private DockerClients clients;
    private ScheduledThreadPoolExecutor timer;
    private ThreadPoolExecutor io;
    private final List<EventFeed> feeds = new ArrayList<>();

    /** What one feed heard, and on which threads. */
    private record Heard(List<Event> events, List<EventFeed.State> states, List<String> details, Set<String> threads) {
        Heard() {
            this(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), ConcurrentHashMap.newKeySet());
        }
    }

    @BeforeEach
    void setUp() {
        sim = EngineSimulator.start();
        clients = new DockerClients();
        // Fixed and started up front, so the threads counted below are the event streams' alone.
        timer = new ScheduledThreadPoolExecutor(1, AppExecutors.named("test-timer"));
        timer.prestartAllCoreThreads();
        io = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), AppExecutors.named("test-io"));
        io.prestartAllCoreThreads();
    }

    @AfterEach
    void tearDown() {
        feeds.forEach(EventFeed::close);
        clients.close();
        timer.shutdownNow();
        io.shutdownNow();
        sim.close();
    }

    private static EndpointSpec endpoint(VirtualEngine engine) {
        return EndpointSpec.parse(engine.endpoint(), null, false);
    }

    private Heard follow(EndpointSpec endpoint) {
        return follow(endpoint, EventFeed.Timing.DEFAULT);
    }

    private Heard follow(EndpointSpec endpoint, EventFeed.Timing timing) {
        Heard heard = new Heard();
        EventFeed feed = new EventFeed(clients.events(endpoint), clients.quick(endpoint), List.of(EventType.DAEMON, EventType.CONTAINER),
                List.of("reload", "die"), timer, io, new EventFeed.Listener() {
                    @Override
                    public void onEvent(Event event) {
                        heard.threads().add(Thread.currentThread().getName());
                        heard.events().add(event);
                    }

                    @Override
                    public void onState(EventFeed.State state, String detail) {
                        heard.states().add(state);
                        if (detail != null) {
                            heard.details().add(detail);
                        }
                    }
                }, timing);
        feeds.add(feed);
        feed.start();
        return heard;
    }

    /** Live threads of this process but the simulator's, which serves each open stream on one of its own. */
    private static Set<Thread> threadsBesidesTheSimulator() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !thread.getName().startsWith("engine-sim-") && !thread.getName().startsWith("awaitility")) {
                threads.add(thread);
            }
        }
        return threads;
    }

    private static boolean heardReloadOf(Heard heard, VirtualEngine engine) {
        return heard.events().stream().anyMatch(e -> e.getType() == EventType.DAEMON && "reload".equals(e.getAction())
                && e.getActor() != null && engine.id().equals(e.getActor().getId()));
    }

    @Test
    void twoHundredEnginesShareAHandfulOfThreadsAndEachEventReachesItsOwnListener() {
        List<VirtualEngine> engines = sim.standalone("big", ENGINES, List.of("qa", "staging"), 1);
        Set<Thread> before = threadsBesidesTheSimulator();

        Map<VirtualEngine, Heard> heard = new ConcurrentHashMap<>();
        for (VirtualEngine engine : engines) {
            heard.put(engine, follow(endpoint(engine)));
        }
        await().atMost(WAIT).until(() -> engines.stream().allMatch(e -> e.eventSubscribers() == 1
                && heard.get(e).states().contains(EventFeed.State.LIVE)));
        for (VirtualEngine engine : engines) {
            sim.changeLabel(engine, EngineSimulator.LABEL_KEY, "moved");
        }
        await().atMost(WAIT).until(() -> engines.stream().allMatch(e -> heardReloadOf(heard.get(e), e)));

        Set<Thread> added = threadsBesidesTheSimulator();
        added.removeAll(before);
        List<String> names = added.stream().map(Thread::getName).sorted().toList();
        System.out.println(ENGINES + " engines followed: " + added.size() + " threads added " + names);
        assertThat(added).as("threads added to follow %d engines: %s", ENGINES, names)
                .hasSizeLessThanOrEqualTo(MultiplexedEvents.THREADS);
        for (VirtualEngine engine : engines) {
            Heard h = heard.get(engine);
            assertThat(h.events()).as(engine.name()).hasSize(1);
            assertThat(h.threads()).allMatch(name -> name.startsWith("envboard-events-"));
            assertThat(h.details()).as(engine.name() + " never lost its stream").isEmpty();
        }
    }

    @Test
    void closingAFeedEndsItsStreamAtTheEngine() {
        List<VirtualEngine> engines = sim.standalone("two", 2, List.of("qa"), 1);
        Heard closing = follow(endpoint(engines.get(0)));
        Heard staying = follow(endpoint(engines.get(1)));
        await().atMost(WAIT).until(() -> engines.stream().allMatch(e -> e.eventSubscribers() == 1));

        feeds.get(0).close();

        await().atMost(WAIT).until(() -> engines.get(0).eventSubscribers() == 0);
        assertThat(closing.states()).last().isEqualTo(EventFeed.State.CLOSED);
        assertThat(engines.get(1).eventSubscribers()).isEqualTo(1);
        sim.changeLabel(engines.get(1), EngineSimulator.LABEL_KEY, "moved");
        await().atMost(WAIT).until(() -> heardReloadOf(staying, engines.get(1)));
    }

    @Test
    void aListenerThatFallsBehindCutsOnlyItsStreamWhichResumesWithNothingLostOrRepeated() {
        List<VirtualEngine> engines = sim.standalone("burst", 2, List.of("qa"), 1);
        VirtualEngine busy = engines.get(0);
        int burst = SerialDelivery.MAX_WAITING + 76; // within the engine's history, for the since= replay
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Event> events = new CopyOnWriteArrayList<>();
        List<String> details = new CopyOnWriteArrayList<>();
        EventFeed feed = new EventFeed(clients.events(endpoint(busy)), clients.quick(endpoint(busy)), List.of(EventType.DAEMON),
                List.of("reload"), timer, io, new EventFeed.Listener() {
                    @Override
                    public void onEvent(Event event) {
                        events.add(event);
                        try {
                            release.await(); // stuck until the stream has been cut
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void onState(EventFeed.State state, String detail) {
                        if (detail != null) {
                            details.add(detail);
                        }
                    }
                });
        feeds.add(feed);
        feed.start();
        Heard other = follow(endpoint(engines.get(1)));
        await().atMost(WAIT).until(() -> busy.eventSubscribers() == 1 && engines.get(1).eventSubscribers() == 1);

        for (int i = 0; i < burst; i++) {
            sim.changeLabel(busy, EngineSimulator.LABEL_KEY, "burst-" + i);
        }
        // More than MAX_WAITING wait for the stuck listener: the client hangs up on the engine.
        await().atMost(WAIT).until(() -> busy.eventSubscribers() == 0);
        sim.changeLabel(engines.get(1), EngineSimulator.LABEL_KEY, "moved");
        await().atMost(WAIT).until(() -> heardReloadOf(other, engines.get(1)));
        release.countDown();

        await().atMost(WAIT).until(() -> events.size() >= burst);
        assertThat(details).anyMatch(d -> d.contains("waited for the listener"));
        assertThat(events.stream().map(Event::getTimeNano).distinct().count()).as("every event once").isEqualTo(burst);
        assertThat(events).hasSize(burst);
        assertThat(other.details()).as("the other engine's stream was not cut").isEmpty();
    }

    @Test
    void aStreamThatGoesQuietOnAnEngineThatNoLongerAnswersItsPingIsGivenUp() throws IOException {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ServerSocket halfDead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!halfDead.isClosed()) {
                        Socket socket = halfDead.accept();
                        accepted.add(socket);
                        String request = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                                java.nio.charset.StandardCharsets.US_ASCII)).readLine();
                        requests.add(request);
                        if (request != null && request.contains("/events")) {
                            // The stream starts and then nothing more comes; a /_ping gets no answer at all.
                            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            socket.getOutputStream().flush();
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "half-dead-engine");
            acceptor.setDaemon(true);
            acceptor.start();

            Heard heard = follow(EndpointSpec.parse("tcp://127.0.0.1:" + halfDead.getLocalPort(), null, false), QUICK_WATCHDOG);
            await().atMost(WAIT).until(() -> heard.states().contains(EventFeed.State.LIVE));
            await().atMost(Duration.ofMinutes(2)).until(() -> heard.states().contains(EventFeed.State.RECONNECTING));
            assertThat(requests).anyMatch(r -> r.startsWith("GET /_ping"));
            assertThat(heard.details().get(0)).startsWith("the engine stopped answering");
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void anEngineThatNeverAnswersIsReportedAndHoldsUpNoOtherEngine() throws IOException {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-engine");
            acceptor.setDaemon(true);
            acceptor.start();

            Heard hung = follow(EndpointSpec.parse("tcp://127.0.0.1:" + silent.getLocalPort(), null, false), QUICK_WATCHDOG);
            await().atMost(WAIT).until(() -> !accepted.isEmpty());
            List<VirtualEngine> engines = sim.standalone("others", 20, List.of("qa"), 1);
            Map<VirtualEngine, Heard> heard = new ConcurrentHashMap<>();
            for (VirtualEngine engine : engines) {
                heard.put(engine, follow(endpoint(engine)));
            }
            await().atMost(WAIT).until(() -> engines.stream().allMatch(e -> e.eventSubscribers() == 1));
            for (VirtualEngine engine : engines) {
                sim.changeLabel(engine, EngineSimulator.LABEL_KEY, "moved");
            }
            await().atMost(WAIT).until(() -> engines.stream().allMatch(e -> heardReloadOf(heard.get(e), e)));
            assertThat(hung.states()).doesNotContain(EventFeed.State.LIVE);

            await().atMost(WAIT).until(() -> hung.states().contains(EventFeed.State.RECONNECTING));
            assertThat(hung.details()).anyMatch(d -> d.contains("did not answer /events"));
            assertThat(hung.states()).doesNotContain(EventFeed.State.LIVE);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
