package dev.envboard.ui.health;

import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthWatch;
import dev.envboard.pool.PoolSpec;
import java.util.function.Consumer;

/** Starts watching a pool's Consul; the listener is called on a watch thread, never the FX thread. */
@FunctionalInterface
public interface HealthWatcher {
    HealthWatch watch(PoolSpec pool, Consumer<HealthSnapshot> listener);
}
