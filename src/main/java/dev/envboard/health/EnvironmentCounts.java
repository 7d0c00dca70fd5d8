package dev.envboard.health;

/**
 * Service instances of one environment by status, for its column header. Maintenance is counted
 * apart and never as passing; {@code unknown} holds every instance while Consul does not answer.
 */
public record EnvironmentCounts(int passing, int warning, int critical, int maintenance, int unknown) {

    public static final EnvironmentCounts NONE = new EnvironmentCounts(0, 0, 0, 0, 0);

    public int total() {
        return passing + warning + critical + maintenance + unknown;
    }

    EnvironmentCounts plus(HealthStatus status) {
        return switch (status) {
            case PASSING -> new EnvironmentCounts(passing + 1, warning, critical, maintenance, unknown);
            case WARNING -> new EnvironmentCounts(passing, warning + 1, critical, maintenance, unknown);
            case CRITICAL -> new EnvironmentCounts(passing, warning, critical + 1, maintenance, unknown);
            case MAINTENANCE -> new EnvironmentCounts(passing, warning, critical, maintenance + 1, unknown);
            case UNKNOWN -> new EnvironmentCounts(passing, warning, critical, maintenance, unknown + 1);
        };
    }
}
