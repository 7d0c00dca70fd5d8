package dev.envboard.deploy;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import java.util.List;

/** What the Deploys view needs to redeploy; {@link RedeployService} is the real one. Both calls block. */
public interface Redeployer {
    /** Validates without touching anything or recording it: what a confirmation shows. */
    ValidationReport check(PoolSpec pool, String environment);

    /**
     * Never throws for a failed deploy: the returned record says how it ended.
     *
     * @param accepted     the skipped checks the user accepted; the run refuses any other it has to skip
     * @param confirmation the environment's name as the user typed it; a protected environment
     *                     ({@link dev.envboard.pool.Protection}) is refused, untouched, unless it matches. Null: none typed
     */
    DeployRecord redeploy(PoolSpec pool, String environment, List<SkippedCheck> accepted, String confirmation,
                          DeployListener listener, CancelToken cancel);

    /** Without a typed name: a protected environment is refused. */
    default DeployRecord redeploy(PoolSpec pool, String environment, List<SkippedCheck> accepted, DeployListener listener,
                                  CancelToken cancel) {
        return redeploy(pool, environment, accepted, null, listener, cancel);
    }

    /** Validates a rollback to the versions deploy {@code deployId} recorded, without touching anything. */
    ValidationReport checkFrom(PoolSpec pool, String environment, String deployId);

    /**
     * Redeploys exactly the versions deploy {@code deployId} recorded (a rollback); never throws for a failed deploy.
     * A protected environment needs its name as {@code confirmation}, as for {@link #redeploy}.
     */
    DeployRecord redeployFrom(PoolSpec pool, String environment, String deployId, List<SkippedCheck> accepted,
                              String confirmation, DeployListener listener, CancelToken cancel);

    /** Without a typed name: a protected environment is refused. */
    default DeployRecord redeployFrom(PoolSpec pool, String environment, String deployId, List<SkippedCheck> accepted,
                                      DeployListener listener, CancelToken cancel) {
        return redeployFrom(pool, environment, deployId, accepted, null, listener, cancel);
    }
}
