package dev.envboard.deploy.standalone;

import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.placement.Constraint;
import dev.envboard.pool.placement.NodeFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads a service's replicas over the environment's standalone hosts as Swarm would: only hosts
 * that satisfy its constraints, at most max_replicas_per_node each, least loaded host first.
 */
public final class StandalonePlacer {
    private final Map<HostKey, Integer> load = new HashMap<>();

    /** Hosts a service may run on; a standalone engine's labels answer both node.labels and engine.labels. */
    public static List<Host> eligible(ServiceDef service, List<Host> hosts) {
        List<Constraint> constraints = service.deploy().constraints().stream().map(Constraint::parse).toList();
        return hosts.stream().filter(h -> Constraint.allMatch(constraints, facts(h))).toList();
    }

    public static NodeFacts facts(Host host) {
        return new NodeFacts(host.engineId(), host.hostname(), "", "linux", "", host.engineLabels(), host.engineLabels());
    }

    /** Replicas that fit: all of them, or fewer when the hosts cannot hold them (validation reports that). */
    public List<Placement> place(String environment, ServiceDef service, List<Host> hosts) {
        List<Host> candidates = eligible(service, hosts);
        List<Placement> placements = new ArrayList<>();
        if (service.deploy().isGlobal()) {
            for (int i = 0; i < candidates.size(); i++) {
                placements.add(record(environment, service, i + 1, candidates.get(i)));
            }
            return placements;
        }
        Map<HostKey, Integer> mine = new HashMap<>();
        int max = service.deploy().maxReplicasPerNode();
        for (int slot = 1; slot <= service.deploy().replicas(); slot++) {
            Host host = candidates.stream()
                    .filter(h -> max == 0 || mine.getOrDefault(h.key(), 0) < max)
                    .min(Comparator.<Host>comparingInt(h -> mine.getOrDefault(h.key(), 0))
                            .thenComparingInt(h -> load.getOrDefault(h.key(), 0))
                            .thenComparing(Host::hostname))
                    .orElse(null);
            if (host == null) {
                break;
            }
            mine.merge(host.key(), 1, Integer::sum);
            placements.add(record(environment, service, slot, host));
        }
        return placements;
    }

    private Placement record(String environment, ServiceDef service, int slot, Host host) {
        load.merge(host.key(), 1, Integer::sum);
        return new Placement(environment, service.name(), slot, host);
    }
}
