package dev.envboard.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A pool's service health as last read from Consul, immutable and safe to share across threads.
 * When {@code state} is not OK the last known instances and nodes are kept for reference but every
 * status in them is UNKNOWN, and so are the host and environment views: never "healthy".
 *
 * @param message what was read, or what is wrong (e.g. "unreachable: Connection refused; retrying in 4 s")
 * @param partial ACLs hid part of the answer (X-Consul-Results-Filtered-By-ACLs), so it may be incomplete
 * @param updated when this snapshot was built
 */
public record HealthSnapshot(String pool, ConsulState state, String message, boolean partial, Instant updated,
                             List<ServiceInstance> instances, List<NodeHealth> nodes) {

    public HealthSnapshot {
        instances = List.copyOf(instances);
        nodes = List.copyOf(nodes);
    }

    /** Before the first answer. */
    public static HealthSnapshot connecting(String pool, String message, Instant now) {
        return new HealthSnapshot(pool, ConsulState.CONNECTING, message, false, now, List.of(), List.of());
    }

    /** True when the statuses are Consul's latest word. */
    public boolean isCurrent() {
        return state == ConsulState.OK;
    }

    public List<ServiceInstance> instancesOn(String hostname) {
        return instances.stream().filter(i -> sameHost(i.host(), hostname)).toList();
    }

    public List<ServiceInstance> instancesIn(String environment) {
        return instances.stream().filter(i -> Objects.equals(i.environment(), environment)).toList();
    }

    public List<NodeHealth> nodesOn(String hostname) {
        return nodes.stream().filter(n -> sameHost(n.host(), hostname)).toList();
    }

    /**
     * The health dot of a host card. UNKNOWN unless current or when no Consul node or instance is
     * on the host. Node maintenance wins (it is intended); otherwise the worst of its nodes' and
     * its instances' statuses, leaving out instances in maintenance; MAINTENANCE when those are all
     * it has.
     */
    public HealthStatus hostStatus(String hostname) {
        if (!isCurrent()) {
            return HealthStatus.UNKNOWN;
        }
        List<NodeHealth> hostNodes = nodesOn(hostname);
        List<ServiceInstance> hostInstances = instancesOn(hostname);
        if (hostNodes.isEmpty() && hostInstances.isEmpty()) {
            return HealthStatus.UNKNOWN;
        }
        if (hostNodes.stream().anyMatch(n -> n.status() == HealthStatus.MAINTENANCE)) {
            return HealthStatus.MAINTENANCE;
        }
        HealthStatus worst = null;
        for (NodeHealth node : hostNodes) {
            worst = worst == null ? node.status() : HealthStatus.worse(worst, node.status());
        }
        for (ServiceInstance instance : hostInstances) {
            if (instance.status() != HealthStatus.MAINTENANCE) {
                worst = worst == null ? instance.status() : HealthStatus.worse(worst, instance.status());
            }
        }
        return worst == null ? HealthStatus.MAINTENANCE : worst;
    }

    /** Why the host is in maintenance (its node's reason, else its instances'), when its dot says so. */
    public Optional<String> hostMaintenanceReason(String hostname) {
        if (hostStatus(hostname) != HealthStatus.MAINTENANCE) {
            return Optional.empty();
        }
        Optional<String> node = nodesOn(hostname).stream()
                .filter(n -> n.status() == HealthStatus.MAINTENANCE).map(NodeHealth::maintenanceReason).findFirst();
        if (node.isPresent()) {
            return node;
        }
        return Optional.of(instancesOn(hostname).stream()
                .map(i -> i.id() + ": " + i.maintenanceReason()).collect(Collectors.joining("; ")));
    }

    /** Service instances of an environment by status; maintenance apart, never counted as passing. */
    public EnvironmentCounts counts(String environment) {
        EnvironmentCounts counts = EnvironmentCounts.NONE;
        for (ServiceInstance instance : instances) {
            if (Objects.equals(instance.environment(), environment)) {
                counts = counts.plus(instance.status());
            }
        }
        return counts;
    }

    /** Same content, ignoring {@code updated}: whether a new publication says anything new. */
    boolean sameContent(HealthSnapshot other) {
        return other != null && state == other.state && partial == other.partial && pool.equals(other.pool)
                && message.equals(other.message) && instances.equals(other.instances) && nodes.equals(other.nodes);
    }

    private static boolean sameHost(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }
}
