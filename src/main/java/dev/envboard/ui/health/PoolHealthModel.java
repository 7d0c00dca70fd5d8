package dev.envboard.ui.health;

import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthWatch;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.ui.shell.PoolItem;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;

/**
 * The selected pool's Consul health for the FX thread: one watch at a time, for the pool on
 * screen. Snapshots arriving faster than the FX thread takes them are coalesced to the latest.
 */
public final class PoolHealthModel {
    private final ReadOnlyObjectWrapper<HealthSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final HealthWatcher watcher;
    private final Executor io;
    private final Executor fx;
    private final Object lock = new Object();
    private Watch current;
    private boolean closed;
    private final ChangeListener<PoolSnapshot> onPoolSnapshot = (obs, old, now) -> {
        Watch watch = currentWatch();
        if (watch != null && now != null) {
            watch.hostsChanged(now.hosts());
        }
    };

    /** One pool's watch; its snapshots are dropped once another pool is selected. */
    private final class Watch {
        final AtomicReference<HealthSnapshot> latest = new AtomicReference<>();
        volatile HealthWatch handle;
        volatile boolean stopped;

        void offer(HealthSnapshot next) {
            if (!stopped && latest.getAndSet(next) == null) {
                fx.execute(() -> {
                    HealthSnapshot newest = latest.getAndSet(null);
                    if (!stopped && newest != null) {
                        snapshot.set(newest);
                    }
                });
            }
        }

        /** Consul nodes are placed on the hosts the board shows; they change as the pool does. */
        void hostsChanged(List<Host> hosts) {
            HealthWatch h = handle;
            if (!stopped && h != null) {
                h.updateHosts(hosts); // never blocks: the watch re-joins on its own thread
            }
        }

        void stop() {
            stopped = true;
            AutoCloseable h = handle;
            if (h != null) {
                try {
                    io.execute(() -> closeQuietly(h));
                } catch (RejectedExecutionException shuttingDown) {
                    closeQuietly(h);
                }
            }
        }
    }

    /** @param fx runs on the FX thread; {@code io} starts and stops watches off it */
    public PoolHealthModel(ObjectProperty<PoolItem> selectedPool, HealthWatcher watcher, Executor io, Executor fx) {
        this.watcher = watcher;
        this.io = io;
        this.fx = fx;
        selectedPool.addListener((obs, old, now) -> {
            if (old != null) {
                old.snapshotProperty().removeListener(onPoolSnapshot);
            }
            if (now != null) {
                now.snapshotProperty().addListener(onPoolSnapshot);
            }
            select(now);
        });
        if (selectedPool.get() != null) {
            selectedPool.get().snapshotProperty().addListener(onPoolSnapshot);
        }
        select(selectedPool.get());
    }

    /** Null while the selected pool names no Consul (or no pool is selected). */
    public ReadOnlyObjectProperty<HealthSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    private void select(PoolItem pool) {
        snapshot.set(null);
        Watch next = pool == null || pool.spec().consul() == null ? null : new Watch();
        synchronized (lock) {
            if (current != null) {
                current.stop();
            }
            current = closed ? null : next;
            if (current == null) {
                return;
            }
        }
        List<Host> hosts = pool.snapshot().hosts();
        try {
            io.execute(() -> start(next, pool, hosts));
        } catch (RejectedExecutionException shuttingDown) {
            next.stopped = true;
        }
    }

    private void start(Watch watch, PoolItem pool, List<Host> hosts) {
        HealthWatch handle = watcher.watch(pool.spec(), watch::offer);
        handle.updateHosts(hosts);
        watch.handle = handle;
        if (watch.stopped) {
            closeQuietly(handle);
            return;
        }
        // Snapshots that came while the watch was starting found no handle, and an unchanged pool
        // sends none again: hand it the hosts shown now.
        fx.execute(() -> watch.hostsChanged(pool.snapshot().hosts()));
    }

    private Watch currentWatch() {
        synchronized (lock) {
            return current;
        }
    }

    /** Stops the watch; callable from any thread. */
    public void close() {
        synchronized (lock) {
            closed = true;
            if (current != null) {
                current.stop();
                current = null;
            }
        }
    }

    private static void closeQuietly(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            // Stopping a watch has nothing left to report: its snapshots are no longer shown.
        }
    }
}
