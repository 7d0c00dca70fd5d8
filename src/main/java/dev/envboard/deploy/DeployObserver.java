package dev.envboard.deploy;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.PoolSpec;

/**
 * Hears of each redeploy's start and end besides its listener, e.g. to keep a record of it in the
 * pool for other Envboards. Called on the deploying thread; must not throw: a deploy never fails
 * because an observer did (say what went wrong through the listener instead).
 */
public interface DeployObserver {
    /** Once the run is validated and its images resolved, before anything is pulled or removed. */
    void started(DeployStart start, DeployListener listener);

    /** Every run's end, refused ones included (also those that never started), once it is in the local history. */
    void finished(PoolSpec pool, DeployRecord record, DeployListener listener);

    DeployObserver NONE = new DeployObserver() {
        @Override
        public void started(DeployStart start, DeployListener listener) {
        }

        @Override
        public void finished(PoolSpec pool, DeployRecord record, DeployListener listener) {
        }
    };
}
