package dev.envboard.pool;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeDescription;
import com.github.dockerjava.api.model.SwarmNodeEngineDescription;
import com.github.dockerjava.api.model.SwarmNodeResources;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a Swarm pool's hosts from its manager: nodes, their labels and running tasks. */
final class SwarmInspector {
    private SwarmInspector() {
    }

    static List<Host> hosts(DockerClient manager, PoolSpec pool) {
        List<SwarmNode> nodes = manager.listSwarmNodesCmd().exec();
        return hosts(nodes, pool, runningTasksPerNode(manager));
    }

    /** The node list read again, each node with the running task count {@code last} showed (new nodes: 0). */
    static List<Host> nodes(DockerClient manager, PoolSpec pool, List<Host> last) {
        Map<String, Integer> running = new HashMap<>();
        last.stream().filter(h -> h.nodeId() != null).forEach(h -> running.put(h.nodeId(), h.running()));
        return hosts(manager.listSwarmNodesCmd().exec(), pool, running);
    }

    private static List<Host> hosts(List<SwarmNode> nodes, PoolSpec pool, Map<String, Integer> running) {
        return nodes.stream()
                .map(node -> toHost(node, pool, running.getOrDefault(node.getId(), 0)))
                .sorted(Comparator.comparing(Host::hostname))
                .toList();
    }

    private static Map<String, Integer> runningTasksPerNode(DockerClient manager) {
        List<Task> tasks = manager.listTasksCmd().withStateFilter(TaskState.RUNNING).exec();
        Map<String, Integer> counts = new HashMap<>();
        for (Task task : tasks) {
            if (task.getNodeId() != null && task.getStatus() != null && task.getStatus().getState() == TaskState.RUNNING) {
                counts.merge(task.getNodeId(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Host toHost(SwarmNode node, PoolSpec pool, int running) {
        SwarmNodeSpec spec = node.getSpec();
        SwarmNodeDescription description = node.getDescription();
        SwarmNodeEngineDescription engine = description == null ? null : description.getEngine();
        SwarmNodeResources resources = description == null ? null : description.getResources();
        Map<String, String> nodeLabels = spec.getLabels() == null ? Map.of() : spec.getLabels();
        Map<String, String> engineLabels = engine == null || engine.getLabels() == null ? Map.of() : engine.getLabels();
        Map<String, String> envLabels = pool.labelScope() == LabelScope.ENGINE ? engineLabels : nodeLabels;
        boolean leader = node.getManagerStatus() != null && node.getManagerStatus().isLeader();
        return new Host(
                HostKey.node(pool.name(), node.getId()),
                node.getId(),
                null,
                description == null ? node.getId() : description.getHostname(),
                node.getStatus() == null ? null : node.getStatus().getAddress(),
                spec.getRole() == SwarmNodeRole.MANAGER ? HostRole.MANAGER : HostRole.WORKER,
                state(node.getStatus() == null ? null : node.getStatus().getState()),
                availability(spec.getAvailability()),
                engine == null ? null : engine.getEngineVersion(),
                resources == null || resources.getNanoCPUs() == null ? 0 : (int) (resources.getNanoCPUs() / 1_000_000_000L),
                resources == null || resources.getMemoryBytes() == null ? 0 : resources.getMemoryBytes(),
                running,
                nodeLabels,
                engineLabels,
                Labels.environment(envLabels, pool.labelKey()),
                leader,
                -1,
                node.getVersion() == null ? 0 : node.getVersion().getIndex(),
                null,
                List.of());
    }

    private static HostState state(SwarmNodeState state) {
        if (state == SwarmNodeState.READY) {
            return HostState.READY;
        }
        if (state == SwarmNodeState.DOWN || state == SwarmNodeState.DISCONNECTED) {
            return HostState.DOWN;
        }
        return HostState.UNKNOWN;
    }

    private static Availability availability(SwarmNodeAvailability availability) {
        if (availability == SwarmNodeAvailability.DRAIN) {
            return Availability.DRAIN;
        }
        if (availability == SwarmNodeAvailability.PAUSE) {
            return Availability.PAUSE;
        }
        return Availability.ACTIVE;
    }
}
