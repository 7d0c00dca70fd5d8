package dev.envboard.ui.deploys;

import dev.envboard.pool.PoolSpec;

/** Deploy state per environment, for views that show it (the board's column headers). */
public interface DeployStates {
    DeployBadge badge(PoolSpec pool, String environment);

    /** Called on the FX thread whenever any badge may have changed. */
    void addListener(Runnable onChange);

    /** Starts the confirmed redeploy of an environment. */
    void redeploy(PoolSpec pool, String environment);
}
