package dev.envboard.ui.board;

import dev.envboard.deploy.updates.EnvironmentUpdates;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolStatus;
import dev.envboard.ui.shell.PoolItem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;

/**
 * The board's background "update available" check of the selected pool: one run at a time on one
 * scheduled worker (never the FX thread), the first shortly after the pool has answered, then
 * every {@code interval} after the previous run ended. Another pool or {@link #close} stops it.
 * Results and the registry requests they cost reach the FX thread through {@code fx}.
 */
public final class BoardUpdates {
    public static final Duration INTERVAL = Duration.ofMinutes(5);
    public static final Duration FIRST_DELAY = Duration.ofSeconds(5);

    /** Blocking: asks the registries and engines ({@code UpdateChecker::check} in the app). */
    @FunctionalInterface
    public interface Source {
        List<EnvironmentUpdates> check(PoolSnapshot snapshot, List<String> environments);
    }

    /** Runs a task once after a delay on the one worker; the app's is a single-thread scheduled executor. */
    @FunctionalInterface
    public interface Scheduler {
        Future<?> schedule(Runnable task, Duration delay);
    }

    /**
     * What the last run found, for the FX thread.
     *
     * @param byEnvironment the last round's result per environment
     * @param failure       why the whole round failed (the results before it are dropped), else null
     * @param requests      registry requests of the last round; {@code totalRequests} since the board opened
     */
    public record Results(String pool, Map<String, EnvironmentUpdates> byEnvironment, String failure, long requests,
                          long totalRequests, Duration interval) {
        public Results {
            byEnvironment = Map.copyOf(byEnvironment);
        }
    }

    private final Source source;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Duration firstDelay;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<Results> results = new ReadOnlyObjectWrapper<>();
    private final ChangeListener<PoolSnapshot> onSnapshot = (obs, old, now) -> snapshotChanged(now);
    private long totalRequests; // FX thread
    private volatile Watch current; // set on the FX thread
    private volatile boolean closed;

    /** One pool's chain of runs; {@code stopped} ends it, and drops what a run still brings back. */
    private final class Watch {
        final String pool;
        volatile PoolSnapshot snapshot;
        volatile boolean stopped;
        boolean started; // FX thread
        private Future<?> pending;
        private boolean running;
        private boolean soon;

        Watch(String pool) {
            this.pool = pool;
        }

        synchronized void schedule(Duration delay) {
            if (!stopped) {
                pending = scheduler.schedule(this::run, delay);
            }
        }

        /** Sooner than the interval (a redeploy ended): after the run in progress, or now instead of the pending one. */
        synchronized void checkSoon() {
            if (running) {
                soon = true;
            } else if (pending != null && !stopped) {
                pending.cancel(false);
                schedule(firstDelay);
            }
        }

        synchronized void stop() {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private void run() {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                running = true;
            }
            try {
                PoolSnapshot at = snapshot;
                if (answered(at)) { // an offline pool is asked again at the next run
                    publish(at);
                }
            } finally {
                synchronized (this) {
                    running = false;
                    Duration next = soon ? firstDelay : interval;
                    soon = false;
                    schedule(next);
                }
            }
        }

        private void publish(PoolSnapshot at) {
            List<String> environments = at.hosts().stream().filter(h -> !h.isUnassigned()).map(Host::environment)
                    .distinct().sorted().toList();
            List<EnvironmentUpdates> found;
            String failure = null;
            try {
                found = source.check(at, environments);
            } catch (RuntimeException e) {
                // The checker answers per service; anything thrown still must not end the chain.
                found = List.of();
                failure = DockerErrors.describe(e);
            }
            List<EnvironmentUpdates> round = found;
            String roundFailure = failure;
            fx.execute(() -> apply(this, round, roundFailure));
        }
    }

    /** @param fx runs on the FX thread ({@code Platform::runLater} in the app, in place in tests) */
    public BoardUpdates(ObjectProperty<PoolItem> selectedPool, Source source, Scheduler scheduler, Duration interval,
                        Duration firstDelay, Executor fx) {
        this.source = source;
        this.scheduler = scheduler;
        this.interval = interval;
        this.firstDelay = firstDelay;
        this.fx = fx;
        selectedPool.addListener((obs, old, now) -> {
            if (old != null) {
                old.snapshotProperty().removeListener(onSnapshot);
            }
            select(now);
        });
        select(selectedPool.get());
    }

    /** Null until the selected pool's first run ended (and after another pool is selected). */
    public ReadOnlyObjectProperty<Results> resultsProperty() {
        return results.getReadOnlyProperty();
    }

    /** Asks again soon (a redeploy just changed what runs); FX thread. */
    public void checkSoon() {
        Watch watch = current;
        if (watch != null) {
            watch.checkSoon();
        }
    }

    /** Stops the background runs; from any thread (the window closes it once the FX thread may be gone). */
    public void close() {
        closed = true;
        Watch watch = current;
        if (watch != null) {
            watch.stop();
        }
    }

    private void select(PoolItem pool) {
        if (current != null) {
            current.stop();
            current = null;
        }
        results.set(null);
        if (pool == null || closed) {
            return;
        }
        current = new Watch(pool.name());
        pool.snapshotProperty().addListener(onSnapshot);
        snapshotChanged(pool.snapshot());
    }

    /** The first run waits for the pool's first answer; later runs take its newest snapshot. */
    private void snapshotChanged(PoolSnapshot snapshot) {
        Watch watch = current;
        if (watch == null || snapshot == null || !snapshot.pool().name().equals(watch.pool)) {
            return;
        }
        watch.snapshot = snapshot;
        if (!watch.started && answered(snapshot)) {
            watch.started = true;
            watch.schedule(firstDelay);
        }
    }

    private static boolean answered(PoolSnapshot snapshot) {
        return snapshot.status() == PoolStatus.ONLINE || snapshot.status() == PoolStatus.DEGRADED;
    }

    private void apply(Watch watch, List<EnvironmentUpdates> round, String failure) {
        if (watch != current || watch.stopped) {
            return;
        }
        long requests = round.stream().mapToLong(EnvironmentUpdates::requests).sum();
        totalRequests += requests;
        Map<String, EnvironmentUpdates> byEnvironment = round.stream()
                .collect(Collectors.toMap(EnvironmentUpdates::environment, Function.identity(), (a, b) -> b));
        Results next = new Results(watch.pool, byEnvironment, failure, requests, totalRequests, interval);
        if (!Objects.equals(next, results.get())) {
            results.set(next);
        }
    }
}
