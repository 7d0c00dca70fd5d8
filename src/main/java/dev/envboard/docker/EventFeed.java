package dev.envboard.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One engine's event stream that stays up: reconnects with backoff after an error, resumes with
 * {@code since=} the last event seen (so nothing is missed), and has a watchdog because an idle
 * stream can die silently: after a quiet spell it pings the engine, and it recycles the stream
 * now and then. Listeners run on the stream's own thread and must not block.
 */
public final class EventFeed implements AutoCloseable {
    public enum State { CONNECTING, LIVE, RECONNECTING, CLOSED }

    public interface Listener {
        void onEvent(Event event);

        /** @param detail why the feed is reconnecting, else null */
        void onState(State state, String detail);
    }

    static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(10);
    static final Duration PING_WHEN_IDLE = Duration.ofSeconds(20);
    static final Duration RECYCLE_WHEN_IDLE = Duration.ofMinutes(5);
    private static final long MAX_BACKOFF_MS = 30_000;

    private final DockerClient stream;
    private final DockerClient quick;
    private final List<EventType> types;
    private final List<String> actions;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final Listener listener;

    private final Object lock = new Object();
    private ResultCallback.Adapter<Event> current;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> pendingReconnect;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile String resumeFrom;
    private long backoffMs = 500;
    private boolean closed;

    public EventFeed(DockerClient stream, DockerClient quick, List<EventType> types,
                     ScheduledExecutorService timer, Executor io, Listener listener) {
        this(stream, quick, types, List.of(), timer, io, listener);
    }

    /**
     * @param actions the only event actions the engine sends ({@code event=} filters; empty: all).
     *                A healthcheck makes three exec_* events a second per container that change
     *                nothing shown: filtered at the source, they cost nothing. The engine matches
     *                {@code health_status} by prefix ("health_status: healthy").
     */
    public EventFeed(DockerClient stream, DockerClient quick, List<EventType> types, List<String> actions,
                     ScheduledExecutorService timer, Executor io, Listener listener) {
        this.stream = stream;
        this.quick = quick;
        this.types = List.copyOf(types);
        this.actions = List.copyOf(actions);
        this.timer = timer;
        this.io = io;
        this.listener = listener;
    }

    public void start() {
        synchronized (lock) {
            watchdog = timer.scheduleWithFixedDelay(this::checkIdle, WATCHDOG_PERIOD.toMillis(),
                    WATCHDOG_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
        connect();
    }

    private void connect() {
        ResultCallback.Adapter<Event> callback = new Callback();
        synchronized (lock) {
            if (closed) {
                return;
            }
            current = callback;
        }
        listener.onState(State.CONNECTING, null);
        lastActivityNanos = System.nanoTime();
        io.execute(() -> {
            try {
                EventsCmd command = stream.eventsCmd().withEventTypeFilter(types.toArray(EventType[]::new));
                if (!actions.isEmpty()) {
                    command = command.withEventFilter(actions.toArray(String[]::new));
                }
                if (resumeFrom != null) {
                    command = command.withSince(resumeFrom);
                }
                command.exec(callback);
            } catch (RuntimeException e) {
                lost(callback, DockerErrors.describe(e));
            }
        });
    }

    private final class Callback extends ResultCallback.Adapter<Event> {
        @Override
        public void onStart(Closeable closeable) {
            super.onStart(closeable);
            synchronized (lock) {
                backoffMs = 500;
            }
            lastActivityNanos = System.nanoTime();
            listener.onState(State.LIVE, null);
        }

        @Override
        public void onNext(Event event) {
            lastActivityNanos = System.nanoTime();
            if (event.getTimeNano() != null) {
                resumeFrom = since(event.getTimeNano());
            }
            listener.onEvent(event);
        }

        @Override
        public void onError(Throwable error) {
            lost(this, DockerErrors.describe(error));
        }

        @Override
        public void onComplete() {
            lost(this, "the engine closed the event stream");
        }
    }

    /** The stream ended; unless we are closing, come back after a growing pause. */
    private void lost(ResultCallback.Adapter<Event> callback, String why) {
        long delay;
        synchronized (lock) {
            if (closed || callback != current) {
                return;
            }
            current = null;
            delay = backoffMs;
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            if (resumeFrom == null) {
                resumeFrom = since(System.currentTimeMillis() * 1_000_000L);
            }
            pendingReconnect = timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
        closeQuietly(callback);
        listener.onState(State.RECONNECTING, why);
    }

    private void checkIdle() {
        ResultCallback.Adapter<Event> callback;
        synchronized (lock) {
            callback = current;
        }
        if (callback == null) {
            return;
        }
        long idle = System.nanoTime() - lastActivityNanos;
        if (idle > RECYCLE_WHEN_IDLE.toNanos()) {
            lost(callback, "recycling an idle event stream");
        } else if (idle > PING_WHEN_IDLE.toNanos()) {
            io.execute(() -> {
                try {
                    quick.pingCmd().exec();
                } catch (RuntimeException e) {
                    lost(callback, "the engine stopped answering: " + DockerErrors.describe(e));
                }
            });
        }
    }

    /** Docker's since= takes seconds with a fractional part. */
    private static String since(long epochNanos) {
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
        ResultCallback.Adapter<Event> callback;
        synchronized (lock) {
            closed = true;
            callback = current;
            current = null;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
        }
        if (callback != null) {
            closeQuietly(callback);
        }
        listener.onState(State.CLOSED, null);
    }
}
