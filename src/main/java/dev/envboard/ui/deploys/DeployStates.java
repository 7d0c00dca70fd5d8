package dev.envboard.ui.deploys;

import dev.envboard.pool.PoolSpec;

/** Deploy state per environment, for views that show it (the board's column headers). */
public interface DeployStates {
    DeployBadge badge(PoolSpec pool, String environment);

    /** Called on the FX thread whenever any badge may have changed. */
    void addListener(Runnable onChange);

    /** Validates a redeploy of the environment, asks the user with what it found, and runs it if confirmed. */
    void confirmAndRedeploy(PoolSpec pool, String environment);
}
