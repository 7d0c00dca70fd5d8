package dev.envboard.deploy;

import dev.envboard.deploy.history.DeployRecord;
import java.util.List;

/**
 * An environment as deployed now: its hosts, its services (Swarm) or container groups
 * (standalone), and its last recorded deploy (null when none).
 */
public record EnvironmentStatus(String environment, List<String> hosts, List<ServiceStatus> services,
                                DeployRecord lastDeploy, boolean deploying) {

    public EnvironmentStatus {
        hosts = List.copyOf(hosts);
        services = List.copyOf(services);
    }

    /**
     * @param desired replicas asked for (Swarm), or containers present (standalone)
     * @param running replicas running now
     * @param where   hosts the running replicas are on
     */
    public record ServiceStatus(String name, int desired, int running, List<String> where) {
        public ServiceStatus {
            where = List.copyOf(where);
        }
    }
}
