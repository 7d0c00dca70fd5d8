package dev.envboard.ui.board;

import dev.envboard.health.EnvironmentCounts;
import dev.envboard.health.HealthSnapshot;

/**
 * An environment header's service instance counts, or why there are none to show.
 *
 * @param counts  by status; all unknown while Consul does not answer
 * @param current false while Consul is unreachable or refuses the token
 * @param partial ACLs hid part of Consul's answer, so the counts may be low
 */
public record ColumnHealth(EnvironmentCounts counts, boolean current, boolean partial, String state) {

    /**
     * Null when the pool names no Consul: the header then shows no health row at all. For the
     * unassigned column ({@code environment} null): instances that belong to no environment.
     */
    public static ColumnHealth of(HealthSnapshot snapshot, String environment) {
        if (snapshot == null) {
            return null;
        }
        return new ColumnHealth(snapshot.counts(environment), snapshot.isCurrent(), snapshot.partial(),
                snapshot.state().label());
    }
}
