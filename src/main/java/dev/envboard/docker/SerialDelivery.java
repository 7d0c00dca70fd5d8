package dev.envboard.docker;

import com.github.dockerjava.api.model.Event;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands one stream's events from the I/O thread to its sink on the shared dispatch threads, in
 * order and one call at a time, so a slow listener holds back only its own stream. At most
 * {@link #MAX_WAITING} events wait; beyond that the stream is cut and resumed from the last
 * event delivered (as the engine itself drops a reader that falls behind).
 */
final class SerialDelivery implements Runnable {
    private static final Logger LOG = Logger.getLogger(SerialDelivery.class.getName());
    static final int MAX_WAITING = 1024;
    /** Calls per turn on a dispatch thread, so one busy stream does not starve the others. */
    private static final int TURN = 64;
    private static final Object STARTED = new Object();

    private record Ended(String why) {
    }

    private final Executor executor;
    private final EventSource.Sink sink;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private int events;
    private boolean ended;
    private boolean closed;
    private boolean scheduled;

    SerialDelivery(Executor executor, EventSource.Sink sink) {
        this.executor = executor;
        this.sink = sink;
    }

    void started() {
        offer(STARTED);
    }

    /** @return false when {@link #MAX_WAITING} events already wait (the caller cuts the stream) */
    boolean event(Event event) {
        synchronized (this) {
            if (events >= MAX_WAITING) {
                return false;
            }
        }
        return offer(event);
    }

    /** The first end counts; later ones (a failure after a cut) are dropped. */
    void ended(String why) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        offer(new Ended(why));
    }

    /** Nothing more reaches the sink (one call already running may finish). */
    void close() {
        synchronized (this) {
            closed = true;
            waiting.clear();
            events = 0;
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private boolean offer(Object item) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return true;
            }
            if (ended && !(item instanceof Ended)) {
                return true;
            }
            waiting.add(item);
            if (item instanceof Event) {
                events++;
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            submit();
        }
        return true;
    }

    private void submit() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException shuttingDown) {
            close();
        }
    }

    @Override
    public void run() {
        for (int i = 0; i < TURN; i++) {
            Object item;
            synchronized (this) {
                item = closed ? null : waiting.poll();
                if (item == null) {
                    scheduled = false;
                    return;
                }
                if (item instanceof Event) {
                    events--;
                }
            }
            deliver(item);
        }
        submit(); // more waiting: queue up behind the other streams
    }

    private void deliver(Object item) {
        try {
            if (item == STARTED) {
                sink.started();
            } else if (item instanceof Ended end) {
                sink.ended(end.why());
            } else {
                sink.event((Event) item);
            }
        } catch (RuntimeException e) {
            // A listener's bug must not stop the stream's later calls or the dispatch thread.
            LOG.log(Level.WARNING, "an event listener failed", e);
        }
    }
}
