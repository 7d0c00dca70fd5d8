package dev.envboard.testing.engine;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fans items out to the open streams of one virtual engine (its /events, a container's followed
 * logs). Each subscriber has a bounded queue; one that falls that far behind is cut off, as a
 * slow client would be, rather than letting memory grow.
 */
final class StreamHub<T> implements AutoCloseable {
    static final int QUEUE = 4096;

    final class Subscription implements AutoCloseable {
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        private final Predicate<T> filter;
        private volatile boolean ended;
        private volatile boolean over;

        private Subscription(Predicate<T> filter) {
            this.filter = filter;
        }

        /** The next item, or null after {@code idleMs} without one or when the stream is over ({@link #isOver()}). */
        @SuppressWarnings("unchecked")
        T next(long idleMs) throws InterruptedException {
            if (over) {
                return null;
            }
            Object item = queue.poll(idleMs, TimeUnit.MILLISECONDS);
            if (item == END) {
                over = true;
                return null;
            }
            return (T) item;
        }

        /** Closed hub or a subscriber too slow for its queue. */
        boolean isOver() {
            return over;
        }

        private void offer(T item) {
            if (!ended && filter.test(item) && !queue.offer(item)) {
                end();
            }
        }

        private void end() {
            ended = true;
            queue.clear();
            queue.offer(END);
        }

        @Override
        public void close() {
            subscribers.remove(this);
            ended = true;
        }
    }

    private static final Object END = new Object();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Subscribes; {@code replay} (already filtered by the caller's own rule or not) is queued first. */
    Subscription subscribe(Predicate<T> filter, List<T> replay) {
        Subscription subscription = new Subscription(filter);
        replay.forEach(subscription::offer);
        if (closed) {
            subscription.end();
        } else {
            subscribers.add(subscription);
        }
        return subscription;
    }

    void publish(T item) {
        for (Subscription subscription : subscribers) {
            subscription.offer(item);
        }
    }

    int subscribers() {
        return subscribers.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Subscription subscription : subscribers) {
            subscription.end();
        }
        subscribers.clear();
    }
}
