package dev.envboard.testing;

import dev.envboard.deploy.watch.DeployFields;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecord;
import dev.envboard.pool.records.PoolRecords;
import java.util.ArrayList;
import java.util.List;

/** Removes the deploy records a test's redeploys left in a pool, so the sandbox is left as found. */
public final class DeployRecordsCleanup {
    private DeployRecordsCleanup() {
    }

    /** Every deploy record of the environment in the pool; fails the test when one stays. */
    public static void remove(PoolSpec pool, String environment) {
        try (DockerClients clients = new DockerClients()) {
            PoolRecords records = new PoolRecords(clients);
            List<String> left = new ArrayList<>();
            for (PoolRecord r : records.list(pool, DeployFields.KIND).records()) {
                if (r.subject().equals(environment)) {
                    left.addAll(records.remove(pool, DeployFields.KIND, environment, r.id()));
                }
            }
            if (!left.isEmpty()) {
                throw new AssertionError("deploy records of " + environment + " left in " + pool.name() + ": " + left);
            }
        }
    }
}
