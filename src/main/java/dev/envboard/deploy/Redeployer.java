package dev.envboard.deploy;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.PoolSpec;

/** What the Deploys view needs to redeploy; {@link RedeployService} is the real one. Blocks until the run ends. */
public interface Redeployer {
    /** Never throws for a failed deploy: the returned record says how it ended. */
    DeployRecord redeploy(PoolSpec pool, String environment, DeployListener listener, CancelToken cancel);
}
