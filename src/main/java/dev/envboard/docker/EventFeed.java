package dev.envboard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One engine's event stream that stays up: reconnects with backoff after an error, resumes with
 * {@code since=} the last event seen (so nothing is missed), and has a watchdog because an idle
 * stream can die silently: after a quiet spell it pings the engine, and it recycles the stream
 * now and then. An engine that takes the connection but does not answer is given up on after
 * {@link Timing#answerWithin}. Listeners are called one at a time per feed, on the source's threads
 * (shared by every feed of the multiplexed source), and must not block.
 */
public final class EventFeed implements AutoCloseable {
    public enum State { CONNECTING, LIVE, RECONNECTING, CLOSED }

    public interface Listener {
        void onEvent(Event event);

        /** @param detail why the feed is reconnecting, else null */
        void onState(State state, String detail);
    }

    /**
     * The watchdog's pace: how often it looks, after how long a quiet stream is pinged and when it
     * is recycled, and how long the engine has to answer /events or a ping.
     */
    record Timing(Duration watchdogPeriod, Duration pingWhenIdle, Duration recycleWhenIdle, Duration answerWithin) {
        /** answerWithin: as long as an API call may take (DockerClients' QUICK profile). */
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMinutes(5),
                Duration.ofSeconds(15));
    }
    private static final long MAX_BACKOFF_MS = 30_000;

    private final EventSource source;
    private final DockerClient quick;
    private final List<EventType> types;
    private final List<String> actions;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final Listener listener;
    private final Timing timing;

    private final Object lock = new Object();
    private volatile Attempt current;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> pendingReconnect;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile String resumeFrom;
    private long backoffMs = 500;
    private boolean closed;

    /** A stream through docker-java's own streaming (a thread per stream); see {@link DockerClients#events}. */
    public EventFeed(DockerClient stream, DockerClient quick, List<EventType> types,
                     ScheduledExecutorService timer, Executor io, Listener listener) {
        this(new DockerJavaEvents(stream), quick, types, List.of(), timer, io, listener);
    }

    public EventFeed(DockerClient stream, DockerClient quick, List<EventType> types, List<String> actions,
                     ScheduledExecutorService timer, Executor io, Listener listener) {
        this(new DockerJavaEvents(stream), quick, types, actions, timer, io, listener);
    }

    /**
     * @param source  where the streams come from: {@link DockerClients#events(EndpointSpec)}
     * @param quick   for the watchdog's pings, where the source has no ping of its own
     * @param actions the only event actions the engine sends ({@code event=} filters; empty: all).
     *                A healthcheck makes three exec_* events a second per container that change
     *                nothing shown: filtered at the source, they cost nothing. The engine matches
     *                {@code health_status} by prefix ("health_status: healthy").
     */
    public EventFeed(EventSource source, DockerClient quick, List<EventType> types, List<String> actions,
                     ScheduledExecutorService timer, Executor io, Listener listener) {
        this(source, quick, types, actions, timer, io, listener, Timing.DEFAULT);
    }

    /** With a watchdog of its own pace: tests of a dead engine need not wait half a minute. */
    EventFeed(EventSource source, DockerClient quick, List<EventType> types, List<String> actions,
              ScheduledExecutorService timer, Executor io, Listener listener, Timing timing) {
        this.timing = timing;
        this.source = source;
        this.quick = quick;
        this.types = List.copyOf(types);
        this.actions = List.copyOf(actions);
        this.timer = timer;
        this.io = io;
        this.listener = listener;
    }

    public void start() {
        try {
            synchronized (lock) {
                watchdog = timer.scheduleWithFixedDelay(this::checkIdle, timing.watchdogPeriod().toMillis(),
                        timing.watchdogPeriod().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException shuttingDown) {
            close(); // the app closed while this feed was starting
            return;
        }
        connect();
    }

    private void connect() {
        Attempt attempt = new Attempt();
        synchronized (lock) {
            if (closed) {
                return;
            }
            current = attempt;
        }
        listener.onState(State.CONNECTING, null);
        lastActivityNanos = System.nanoTime();
        try {
            timer.schedule(() -> {
                if (!attempt.started) {
                    lost(attempt, "the engine accepted the connection but did not answer /events within " + timing.answerWithin().toSeconds() + " s");
                }
            }, timing.answerWithin().toMillis(), TimeUnit.MILLISECONDS);
            io.execute(() -> attempt.open(new EventSource.Query(types, actions, resumeFrom)));
        } catch (RejectedExecutionException shuttingDown) {
            close();
        }
    }

    /** One connection's stream; anything it reports after it stopped being current is ignored. */
    private final class Attempt implements EventSource.Sink {
        private volatile boolean started;
        private Closeable stream;
        private boolean ended;

        void open(EventSource.Query query) {
            Closeable opened;
            try {
                opened = source.open(query, this);
            } catch (RuntimeException e) {
                lost(this, DockerErrors.describe(e));
                return;
            }
            synchronized (this) {
                if (!ended) {
                    stream = opened;
                    return;
                }
            }
            closeQuietly(opened); // lost or closed while opening
        }

        /** No more from this stream. */
        void end() {
            Closeable toClose;
            synchronized (this) {
                ended = true;
                toClose = stream;
                stream = null;
            }
            if (toClose != null) {
                closeQuietly(toClose);
            }
        }

        @Override
        public void started() {
            if (current != this) {
                return;
            }
            started = true;
            synchronized (lock) {
                backoffMs = 500;
            }
            lastActivityNanos = System.nanoTime();
            listener.onState(State.LIVE, null);
        }

        @Override
        public void event(Event event) {
            if (current != this) {
                return;
            }
            lastActivityNanos = System.nanoTime();
            if (event.getTimeNano() != null) {
                resumeFrom = since(event.getTimeNano());
            }
            listener.onEvent(event);
        }

        @Override
        public void ended(String why) {
            lost(this, why);
        }
    }

    /** The stream ended; unless we are closing, come back after a growing pause. */
    private void lost(Attempt attempt, String why) {
        synchronized (lock) {
            if (closed || attempt != current) {
                return;
            }
            current = null;
            long delay = backoffMs;
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            if (resumeFrom == null) {
                resumeFrom = since(System.currentTimeMillis() * 1_000_000L);
            }
            try {
                pendingReconnect = timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                closed = true;
            }
        }
        attempt.end();
        listener.onState(State.RECONNECTING, why);
    }

    private void checkIdle() {
        Attempt attempt = current;
        if (attempt == null) {
            return;
        }
        long idle = System.nanoTime() - lastActivityNanos;
        if (idle > timing.recycleWhenIdle().toNanos()) {
            lost(attempt, "recycling an idle event stream");
        } else if (idle > timing.pingWhenIdle().toNanos()) {
            CompletableFuture<Void> ping = source.ping();
            if (ping != null) {
                // The shared client waits for the answer without a thread; only a failed one uses io.
                ping.orTimeout(timing.answerWithin().toMillis(), TimeUnit.MILLISECONDS).whenComplete((answered, error) -> {
                    if (error != null) {
                        io.execute(() -> lost(attempt, "the engine stopped answering: " + DockerErrors.describe(error)));
                    }
                });
                return;
            }
            io.execute(() -> {
                try {
                    quick.pingCmd().exec();
                } catch (RuntimeException e) {
                    lost(attempt, "the engine stopped answering: " + DockerErrors.describe(e));
                }
            });
        }
    }

    /** Docker's since= takes seconds with a fractional part. */
    static String since(long epochNanos) {
        return (epochNanos / 1_000_000_000L) + "." + String.format("%09d", epochNanos % 1_000_000_000L);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        Attempt attempt;
        synchronized (lock) {
            closed = true;
            attempt = current;
            current = null;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
        }
        if (attempt != null) {
            attempt.end();
        }
        listener.onState(State.CLOSED, null);
    }
}
