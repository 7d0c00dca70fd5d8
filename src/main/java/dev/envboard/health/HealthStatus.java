package dev.envboard.health;

import java.util.Locale;

/**
 * Health of a check, a service instance, a node or a host card. MAINTENANCE is intended downtime
 * (Consul's maintenance mode), never a failure and never passing; UNKNOWN is "cannot tell", shown
 * whenever Consul does not answer, so a stale answer is never taken for a healthy one.
 */
public enum HealthStatus {
    PASSING, WARNING, CRITICAL, MAINTENANCE, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two failure levels: critical over warning over passing. */
    static HealthStatus worse(HealthStatus a, HealthStatus b) {
        return a.severity() >= b.severity() ? a : b;
    }

    /**
     * Rank among check results. A check whose status Consul did not name cannot vouch for
     * anything, so it ranks with warnings: not a known failure, not passing either.
     */
    private int severity() {
        return switch (this) {
            case PASSING -> 0;
            case WARNING, UNKNOWN -> 1;
            case CRITICAL -> 2;
            case MAINTENANCE -> 3;
        };
    }
}
