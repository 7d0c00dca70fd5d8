package dev.envboard.pool.move;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.placement.Constraint;
import dev.envboard.pool.placement.NodeFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out what a label move does in a Swarm, by evaluating every service's placement
 * constraints against the nodes before and after the move (as Swarm's constraint enforcer will).
 */
final class SwarmImpact {
    private record ServiceFacts(String name, List<Constraint> constraints, boolean global, long replicas, int maxPerNode) {
        boolean placeable(NodeFacts node) {
            return Constraint.allMatch(constraints, node);
        }
    }

    private SwarmImpact() {
    }

    static MoveImpact analyse(DockerClient manager, PoolSpec pool, List<HostMove> moves) {
        Map<String, NodeFacts> before = new HashMap<>();
        Map<String, Boolean> usable = new HashMap<>();
        for (SwarmNode node : manager.listSwarmNodesCmd().exec()) {
            before.put(node.getId(), facts(node));
            usable.put(node.getId(), node.getStatus() != null && node.getStatus().getState() == SwarmNodeState.READY
                    && node.getSpec().getAvailability() == SwarmNodeAvailability.ACTIVE);
        }
        Map<String, NodeFacts> after = new HashMap<>(before);
        for (HostMove move : moves) {
            NodeFacts node = before.get(move.host().nodeId());
            if (node != null) {
                after.put(node.id(), moved(node, pool, move.to()));
            }
        }
        Map<String, ServiceFacts> services = new HashMap<>();
        for (Service service : manager.listServicesCmd().exec()) {
            services.put(service.getId(), facts(service));
        }

        List<String> stopped = new ArrayList<>();
        List<String> starting = new ArrayList<>();
        List<Task> running = manager.listTasksCmd().withStateFilter(TaskState.RUNNING).exec();
        for (HostMove move : moves) {
            String nodeId = move.host().nodeId();
            for (Task task : running) {
                ServiceFacts service = services.get(task.getServiceId());
                if (service != null && nodeId.equals(task.getNodeId())
                        && service.placeable(before.get(nodeId)) && !service.placeable(after.get(nodeId))) {
                    stopped.add(taskName(service, task) + " on " + move.host().displayName()
                            + " (needs " + service.constraints() + ")");
                }
            }
            for (ServiceFacts service : services.values()) {
                if (service.global() && before.containsKey(nodeId)
                        && !service.placeable(before.get(nodeId)) && service.placeable(after.get(nodeId))) {
                    starting.add("a task of global service " + service.name() + " on " + move.host().displayName());
                }
            }
        }
        List<String> unschedulable = new ArrayList<>();
        for (ServiceFacts service : services.values()) {
            if (service.global() || service.replicas() == 0) {
                continue;
            }
            long capacityBefore = capacity(service, before, usable);
            long capacityAfter = capacity(service, after, usable);
            if (capacityAfter < service.replicas() && capacityBefore >= service.replicas()) {
                unschedulable.add(service.name() + ": " + plural(service.replicas(), "replica")
                        + (service.maxPerNode() > 0 ? " at most " + service.maxPerNode() + " per host" : "")
                        + ", only " + plural(eligible(service, after, usable), "eligible host") + " left for " + service.constraints());
            }
        }
        stopped.sort(null);
        unschedulable.sort(null);
        return new MoveImpact(stopped, unschedulable, starting, List.of(), List.of());
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static long eligible(ServiceFacts service, Map<String, NodeFacts> nodes, Map<String, Boolean> usable) {
        return nodes.values().stream().filter(n -> usable.get(n.id()) && service.placeable(n)).count();
    }

    private static long capacity(ServiceFacts service, Map<String, NodeFacts> nodes, Map<String, Boolean> usable) {
        long hosts = eligible(service, nodes, usable);
        if (service.maxPerNode() > 0) {
            return hosts * service.maxPerNode();
        }
        return hosts > 0 ? Long.MAX_VALUE : 0;
    }

    private static NodeFacts moved(NodeFacts node, PoolSpec pool, String to) {
        boolean engine = pool.labelScope() == LabelScope.ENGINE;
        Map<String, String> labels = new HashMap<>(engine ? node.engineLabels() : node.nodeLabels());
        if (to == null) {
            labels.remove(pool.labelKey());
        } else {
            labels.put(pool.labelKey(), to);
        }
        return engine ? node.withEngineLabels(labels) : node.withNodeLabels(labels);
    }

    private static NodeFacts facts(SwarmNode node) {
        var description = node.getDescription();
        var engine = description == null ? null : description.getEngine();
        var platform = description == null ? null : description.getPlatform();
        return new NodeFacts(node.getId(),
                description == null ? "" : description.getHostname(),
                node.getSpec().getRole() == null ? "" : node.getSpec().getRole().name().toLowerCase(),
                platform == null ? "" : platform.getOs(),
                platform == null ? "" : platform.getArchitecture(),
                node.getSpec().getLabels() == null ? Map.of() : node.getSpec().getLabels(),
                engine == null || engine.getLabels() == null ? Map.of() : engine.getLabels());
    }

    private static ServiceFacts facts(Service service) {
        var spec = service.getSpec();
        ServicePlacement placement = spec.getTaskTemplate() == null ? null : spec.getTaskTemplate().getPlacement();
        List<Constraint> constraints = new ArrayList<>();
        if (placement != null && placement.getConstraints() != null) {
            for (String text : placement.getConstraints()) {
                constraints.add(Constraint.parse(text));
            }
        }
        var mode = spec.getMode();
        boolean global = mode != null && mode.getGlobal() != null;
        long replicas = mode != null && mode.getReplicated() != null ? mode.getReplicated().getReplicas() : 0;
        int max = placement == null || placement.getMaxReplicas() == null ? 0 : placement.getMaxReplicas();
        return new ServiceFacts(spec.getName(), constraints, global, replicas, max);
    }

    private static String taskName(ServiceFacts service, Task task) {
        return task.getSlot() == null ? service.name() : service.name() + "." + task.getSlot();
    }
}
