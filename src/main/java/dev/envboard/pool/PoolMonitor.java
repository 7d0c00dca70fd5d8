package dev.envboard.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a current snapshot of each watched pool: inspects it at a fixed interval (and on demand),
 * never two inspections of one pool at a time, and tells listeners on the inspector's threads.
 */
public final class PoolMonitor implements AutoCloseable {
    /** Starts watching a pool's events; calls onChange with what of the pool should be read again. */
    @FunctionalInterface
    public interface ChangeSource {
        AutoCloseable watch(PoolSpec pool, Consumer<PoolChange> onChange);
    }

    private final PoolInspector inspector;
    private final ScheduledExecutorService timer;
    private final Duration interval;
    private final ChangeSource changes;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private final class Watch {
        final PoolSpec pool;
        final List<Consumer<PoolSnapshot>> listeners = new CopyOnWriteArrayList<>();
        volatile PoolSnapshot last;
        volatile CompletableFuture<PoolSnapshot> inFlight;
        /** What to read once the inspection in flight ends; null when nothing more. */
        PoolChange again;
        ScheduledFuture<?> schedule;
        AutoCloseable events;

        Watch(PoolSpec pool) {
            this.pool = pool;
            this.last = PoolSnapshot.unknown(pool);
        }
    }

    public PoolMonitor(PoolInspector inspector, ScheduledExecutorService timer, Duration interval, ChangeSource changes) {
        this.inspector = inspector;
        this.timer = timer;
        this.interval = interval;
        this.changes = changes;
    }

    /**
     * Starts watching (once per pool; the first inspection starts now) and adds a listener, which
     * hears the last answer at once when the pool has answered already.
     */
    public void watch(PoolSpec pool, Consumer<PoolSnapshot> listener) {
        Watch watch = watches.computeIfAbsent(pool.name(), name -> {
            Watch created = new Watch(pool);
            created.schedule = timer.scheduleWithFixedDelay(() -> refresh(created, PoolChange.whole()),
                    0, interval.toMillis(), TimeUnit.MILLISECONDS);
            created.events = changes.watch(pool, change -> refresh(created, change));
            return created;
        });
        watch.listeners.add(listener);
        PoolSnapshot last = watch.last;
        if (last.status() != PoolStatus.UNKNOWN) {
            listener.accept(last);
        }
    }

    /** The pool's first answer: the last one when it has answered already, else the inspection under way. */
    public CompletableFuture<PoolSnapshot> answer(PoolSpec pool) {
        Watch watch = watches.get(pool.name());
        if (watch != null && watch.last.status() != PoolStatus.UNKNOWN) {
            return CompletableFuture.completedFuture(watch.last);
        }
        return refreshNow(pool);
    }

    /** Inspects now; joins an inspection already under way instead of starting another. */
    public CompletableFuture<PoolSnapshot> refreshNow(PoolSpec pool) {
        if (closed) {
            // A late callback after the window closed: the executors are gone, nothing to show.
            return CompletableFuture.completedFuture(PoolSnapshot.unknown(pool));
        }
        Watch watch = watches.get(pool.name());
        return watch == null ? inspector.inspect(pool) : refresh(watch, PoolChange.whole());
    }

    public PoolSnapshot last(PoolSpec pool) {
        Watch watch = watches.get(pool.name());
        return watch == null ? PoolSnapshot.unknown(pool) : watch.last;
    }

    private synchronized CompletableFuture<PoolSnapshot> refresh(Watch watch, PoolChange change) {
        CompletableFuture<PoolSnapshot> running = watch.inFlight;
        if (running != null && !running.isDone()) {
            // A change seen while inspecting may not be in that result: look once more after it.
            boolean first = watch.again == null;
            watch.again = change.and(watch.again);
            if (first) {
                running.whenComplete((s, e) -> again(watch));
            }
            return running;
        }
        PoolSnapshot last = newest(watch, running);
        CompletableFuture<PoolSnapshot> next = inspector.reinspect(last, change)
                .thenApply(snapshot -> SnapshotMerge.keepLastKnown(last, snapshot));
        watch.inFlight = next;
        next.thenAccept(snapshot -> {
            watch.last = snapshot;
            watch.listeners.forEach(listener -> listener.accept(snapshot));
        });
        return next;
    }

    /** The inspection just done may not have reached {@code watch.last} yet: its listeners run after it counts as done. */
    private static PoolSnapshot newest(Watch watch, CompletableFuture<PoolSnapshot> done) {
        PoolSnapshot result = done == null || done.isCompletedExceptionally() ? null : done.getNow(null);
        return result != null ? result : watch.last;
    }

    private synchronized void again(Watch watch) {
        PoolChange change = watch.again;
        watch.again = null;
        if (change != null) {
            refresh(watch, change);
        }
    }

    @Override
    public void close() {
        closed = true;
        watches.values().forEach(w -> {
            if (w.schedule != null) {
                w.schedule.cancel(true);
            }
            if (w.events != null) {
                try {
                    w.events.close();
                } catch (Exception ignored) {
                    // closing is best effort
                }
            }
        });
        watches.clear();
    }
}
