package dev.envboard.ui.watch;

import dev.envboard.health.HealthSnapshot;
import dev.envboard.ui.health.HealthWatcher;
import dev.envboard.ui.health.PoolHealthModel;
import dev.envboard.ui.shell.PoolItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.SetChangeListener;

/**
 * The Consul health of each pool that has a watched environment, whichever pool is on screen:
 * one watch per such pool (three blocking queries), stopped when its last environment is no
 * longer watched. FX thread only.
 */
public final class WatchedHealth {
    private final List<PoolItem> pools;
    private final Watchlist watchlist;
    private final HealthWatcher watcher;
    private final Executor io;
    private final Executor fx;
    private final BiConsumer<String, HealthSnapshot> onSnapshot;
    private final Map<String, PoolHealthModel> watches = new HashMap<>();

    /** @param onSnapshot hears each pool's new health, on the FX thread */
    public WatchedHealth(List<PoolItem> pools, Watchlist watchlist, HealthWatcher watcher, Executor io, Executor fx,
                         BiConsumer<String, HealthSnapshot> onSnapshot) {
        this.pools = List.copyOf(pools);
        this.watchlist = watchlist;
        this.watcher = watcher;
        this.io = io;
        this.fx = fx;
        this.onSnapshot = onSnapshot;
        watchlist.keys().addListener((SetChangeListener<String>) change -> sync());
        sync();
    }

    private void sync() {
        Set<String> needed = watchlist.pools();
        for (PoolItem pool : pools) {
            boolean wanted = needed.contains(pool.name()) && pool.spec().consul() != null;
            PoolHealthModel running = watches.get(pool.name());
            if (wanted && running == null) {
                PoolHealthModel model = new PoolHealthModel(new SimpleObjectProperty<>(pool), watcher, io, fx);
                model.snapshotProperty().addListener((obs, old, now) -> {
                    if (now != null) {
                        onSnapshot.accept(pool.name(), now);
                    }
                });
                watches.put(pool.name(), model);
            } else if (!wanted && running != null) {
                running.close();
                watches.remove(pool.name());
            }
        }
    }

    /** Pools whose health is followed now, for tests. */
    Set<String> followed() {
        return Set.copyOf(watches.keySet());
    }

    public void close() {
        watches.values().forEach(PoolHealthModel::close);
        watches.clear();
    }
}
