package dev.envboard.testing.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Swarm's cluster state, which its manager's engine answers for. Guarded by the simulator's lock. */
public final class VirtualSwarm {
    final String poolName;
    final List<VirtualNode> nodes = new ArrayList<>();
    final Map<String, VirtualService> services = new LinkedHashMap<>();
    final Map<String, VirtualTask> tasks = new LinkedHashMap<>();

    VirtualSwarm(String poolName) {
        this.poolName = poolName;
    }

    public String poolName() {
        return poolName;
    }

    public VirtualNode manager() {
        return nodes.get(0);
    }

    public List<VirtualNode> nodes() {
        return List.copyOf(nodes);
    }

    public List<VirtualTask> tasks() {
        return List.copyOf(tasks.values());
    }
}
