package dev.envboard.pool;

import java.util.Map;

/**
 * One host of a pool as last seen.
 *
 * @param id          Swarm node id, or the engine id of a standalone engine (display name if unreachable)
 * @param labels      the labels that carry the environment (node labels or engine labels, by pool)
 * @param engineLabels the engine's own labels (daemon.json), shown for reference
 * @param environment value of the pool's label key; null when unassigned
 * @param running     running containers (standalone) or running tasks (Swarm)
 * @param engineIndex index of the engine in the pool's configuration, -1 for Swarm nodes
 * @param version     Swarm node version index (for label updates), 0 for standalone
 * @param error       why the host is unreachable, else null
 */
public record Host(String id, String hostname, String address, HostRole role, HostState state,
                   Availability availability, String engineVersion, int cpus, long memoryBytes,
                   int running, Map<String, String> labels, Map<String, String> engineLabels,
                   String environment, boolean leader, int engineIndex, long version, String error) {

    public Host {
        labels = Map.copyOf(labels);
        engineLabels = Map.copyOf(engineLabels);
    }

    public boolean isUnassigned() {
        return environment == null;
    }

    public boolean isReachable() {
        return state != HostState.UNREACHABLE && state != HostState.UNKNOWN;
    }
}
