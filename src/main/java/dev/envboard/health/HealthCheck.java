package dev.envboard.health;

/**
 * One Consul check as last seen. Consul reports maintenance mode as a critical check named
 * {@code _node_maintenance} or {@code _service_maintenance:<service id>}; those have status
 * MAINTENANCE here, with the operator's reason in {@code notes}.
 *
 * @param serviceId   the service instance the check belongs to; empty for a node-level check
 * @param serviceName that instance's service; empty for a node-level check
 */
public record HealthCheck(String node, String checkId, String name, HealthStatus status, String output,
                          String notes, String serviceId, String serviceName) {

    public static final String NODE_MAINTENANCE = "_node_maintenance";
    public static final String SERVICE_MAINTENANCE_PREFIX = "_service_maintenance:";

    public HealthCheck {
        output = output == null ? "" : output;
        notes = notes == null ? "" : notes;
        serviceId = serviceId == null ? "" : serviceId;
        serviceName = serviceName == null ? "" : serviceName;
    }

    public static boolean isMaintenanceId(String checkId) {
        return NODE_MAINTENANCE.equals(checkId) || (checkId != null && checkId.startsWith(SERVICE_MAINTENANCE_PREFIX));
    }

    public boolean isNodeCheck() {
        return serviceId.isEmpty();
    }

    public boolean isMaintenance() {
        return status == HealthStatus.MAINTENANCE;
    }

    /** The first non-blank line of the output, for one-line displays. */
    public String firstOutputLine() {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
    }
}
