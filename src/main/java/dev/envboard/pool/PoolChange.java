package dev.envboard.pool;

import dev.envboard.docker.EndpointSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * What of a pool must be read again after its events: all of it, only a Swarm's node list (a
 * label, a state, an availability: the running task counts stay), or only some standalone
 * engines (those whose containers or labels changed). Reading only what changed keeps a pool of
 * hundreds of engines from being asked all over again for one container's start.
 */
public record PoolChange(Scope scope, Set<EndpointSpec> engines) {
    public enum Scope { WHOLE, SWARM_NODES, ENGINES }

    public PoolChange {
        engines = Set.copyOf(engines);
    }

    public static PoolChange whole() {
        return new PoolChange(Scope.WHOLE, Set.of());
    }

    public static PoolChange swarmNodes() {
        return new PoolChange(Scope.SWARM_NODES, Set.of());
    }

    public static PoolChange engines(Set<EndpointSpec> engines) {
        return engines.isEmpty() ? whole() : new PoolChange(Scope.ENGINES, engines);
    }

    /** Both changes read at once: the wider scope, or the engines of both. */
    public PoolChange and(PoolChange other) {
        if (other == null) {
            return this;
        }
        if (scope != other.scope || scope == Scope.WHOLE) {
            return whole();
        }
        if (scope == Scope.SWARM_NODES) {
            return this;
        }
        if (engines.containsAll(other.engines)) {
            return this; // a burst from engines already named: no copy per event
        }
        Set<EndpointSpec> both = new HashSet<>(engines);
        both.addAll(other.engines);
        return engines(both);
    }
}
