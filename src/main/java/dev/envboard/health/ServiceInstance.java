package dev.envboard.health;

import java.util.List;
import java.util.Map;

/**
 * One registered instance of a service with its checks (its own and its node's, as Consul lists
 * them), placed on a pool host and in an environment where that can be told.
 *
 * @param address           the service's address, or its node's when the service gives none
 * @param host              the pool hostname it runs on, or null when its node matches no host
 * @param environment       from the service's meta or tags (label key), else its host's; or null
 * @param status            MAINTENANCE when the instance or its node is in maintenance, else the
 *                          worst of its checks (PASSING without checks, as Consul counts it);
 *                          UNKNOWN whenever the snapshot is not current
 * @param maintenanceReason the operator's reason while in maintenance, else null
 */
public record ServiceInstance(String service, String id, String node, String address, List<String> tags,
                              Map<String, String> meta, String host, String environment, HealthStatus status,
                              String maintenanceReason, List<HealthCheck> checks) {

    public ServiceInstance {
        tags = List.copyOf(tags);
        meta = Map.copyOf(meta);
        checks = List.copyOf(checks);
    }

    /** Checks that are not passing (maintenance included), for "what is wrong" displays. */
    public List<HealthCheck> failingChecks() {
        return checks.stream().filter(c -> c.status() != HealthStatus.PASSING).toList();
    }

    ServiceInstance withStatus(HealthStatus newStatus, String reason) {
        return new ServiceInstance(service, id, node, address, tags, meta, host, environment, newStatus, reason, checks);
    }
}
