package dev.envboard.health;

import dev.envboard.health.consul.ConsulFailure;
import dev.envboard.health.consul.Query;
import dev.envboard.health.consul.Reply;
import java.time.Duration;

/**
 * One Consul blocking query asked again and again on its own daemon thread. Never polls: each
 * query waits at Consul until the index moves. Rate-limited (consecutive queries start at least
 * {@code minSpacing} apart), so a cluster whose index churns cannot make it spin; on failure it
 * backs off exponentially up to a cap and starts over at index 0 so the first answer after an
 * outage is read at once.
 */
final class BlockingLoop<T> {
    interface Fetch<T> {
        Reply<T> fetch(Query query) throws ConsulFailure;
    }

    interface Sink<T> {
        /** On the loop's thread before its first query. */
        default void started() {
        }

        void answered(Reply<T> reply);

        void failed(ConsulFailure failure, Duration retryIn);
    }

    /** How a loop paces itself. */
    record Pacing(Duration maxWait, Duration minSpacing, Duration backoffStart, Duration backoffMax) {
        Duration backoff(int failuresBefore) {
            long millis = backoffStart.toMillis();
            for (int i = 0; i < failuresBefore && millis < backoffMax.toMillis(); i++) {
                millis *= 2;
            }
            return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
        }
    }

    private final Fetch<T> fetch;
    private final Sink<T> sink;
    private final Pacing pacing;
    private final Thread thread;
    private volatile boolean stopped;

    BlockingLoop(String threadName, Fetch<T> fetch, Sink<T> sink, Pacing pacing) {
        this.fetch = fetch;
        this.sink = sink;
        this.pacing = pacing;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the loop; a query in flight is ended by closing the HTTP client, which the caller does. */
    void stop() {
        stopped = true;
        thread.interrupt();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    void join(Duration atMost) throws InterruptedException {
        thread.join(Math.max(1, atMost.toMillis()));
    }

    /**
     * Consul's rules for the next index: an index that went backwards (a snapshot restore, a new
     * leader's store) or that is not positive says nothing about "newer", so start over at 0.
     */
    static long nextIndex(long previous, long received) {
        return received <= 0 || received < previous ? 0 : received;
    }

    private void run() {
        long index = 0;
        int failures = 0;
        long lastStart = System.nanoTime() - pacing.minSpacing().toNanos();
        sink.started();
        while (!stopped) {
            try {
                sleepNanos(lastStart + pacing.minSpacing().toNanos() - System.nanoTime());
                lastStart = System.nanoTime();
                Reply<T> reply = fetch.fetch(Query.blocking(index, pacing.maxWait()));
                if (stopped) {
                    return;
                }
                failures = 0;
                index = nextIndex(index, reply.index());
                sink.answered(reply);
            } catch (ConsulFailure failure) {
                if (stopped) {
                    return;
                }
                index = 0;
                Duration retryIn = pacing.backoff(failures++);
                sink.failed(failure, retryIn);
                try {
                    sleepNanos(retryIn.toNanos());
                } catch (InterruptedException e) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }
}
