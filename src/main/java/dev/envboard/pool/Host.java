package dev.envboard.pool;

import java.util.List;
import java.util.Map;

/**
 * One host of a pool as last seen.
 *
 * @param key         who the host is: the pool's entry for it (see {@link HostKey}); use it for every map and equality
 * @param nodeId      the Swarm node ID, for Swarm API calls; null for a standalone engine
 * @param engineId    the ID the engine reports about itself: display only, it repeats on cloned machines; null if unknown
 * @param labels      the labels that carry the environment (node labels or engine labels, by pool)
 * @param engineLabels the engine's own labels (daemon.json), shown for reference
 * @param environment value of the pool's label key; null when unassigned
 * @param running     running containers (standalone) or running tasks (Swarm)
 * @param engineIndex index of the engine in the pool's configuration, -1 for Swarm nodes
 * @param version     Swarm node version index (for label updates), 0 for standalone
 * @param error       why the host is unreachable, else null
 * @param warnings    what the user should fix about this host although it works (a repeated engine ID...)
 */
public record Host(HostKey key, String nodeId, String engineId, String hostname, String address, HostRole role,
                   HostState state, Availability availability, String engineVersion, int cpus, long memoryBytes,
                   int running, Map<String, String> labels, Map<String, String> engineLabels,
                   String environment, boolean leader, int engineIndex, long version, String error,
                   List<HostWarning> warnings) {

    public Host {
        labels = Map.copyOf(labels);
        engineLabels = Map.copyOf(engineLabels);
        warnings = List.copyOf(warnings);
    }

    public boolean isUnassigned() {
        return environment == null;
    }

    public boolean isReachable() {
        return state != HostState.UNREACHABLE && state != HostState.UNKNOWN;
    }

    /**
     * The hostname, followed by where the pool reaches the host when another host of the pool has the
     * same hostname: what to show wherever hosts are named side by side.
     */
    public String displayName() {
        boolean repeated = warnings.stream().anyMatch(w -> w.kind() == HostWarning.Kind.SAME_HOSTNAME);
        return repeated ? hostname + " (" + where() + ")" : hostname;
    }

    /** Where the pool reaches this host: a standalone engine's endpoint, a Swarm node's address. */
    public String where() {
        if (engineIndex >= 0 || nodeId == null) {
            return key.entry();
        }
        return address != null && !address.isBlank() ? address : nodeId;
    }

    public boolean is(Host other) {
        return key.equals(other.key);
    }

    public Host withWarnings(List<HostWarning> newWarnings) {
        return new Host(key, nodeId, engineId, hostname, address, role, state, availability, engineVersion, cpus,
                memoryBytes, running, labels, engineLabels, environment, leader, engineIndex, version, error, newWarnings);
    }
}
