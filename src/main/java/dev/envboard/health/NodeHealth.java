package dev.envboard.health;

import java.util.List;

/**
 * One Consul node with its node-level checks (serfHealth, disk, maintenance...).
 *
 * @param host   the pool hostname it matches, or null
 * @param status MAINTENANCE in node maintenance, else the worst of its node checks (PASSING
 *               without any); UNKNOWN whenever the snapshot is not current
 */
public record NodeHealth(String node, String address, String host, HealthStatus status, String maintenanceReason,
                         List<HealthCheck> checks) {

    public NodeHealth {
        checks = List.copyOf(checks);
    }

    NodeHealth withStatus(HealthStatus newStatus, String reason) {
        return new NodeHealth(node, address, host, newStatus, reason, checks);
    }
}
