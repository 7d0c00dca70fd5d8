package dev.envboard.testing.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** One Swarm node: its Swarm record (labels, role) and the engine that runs its tasks. */
public final class VirtualNode {
    final String id;
    final VirtualEngine engine;
    final boolean manager;
    final Map<String, String> labels = new LinkedHashMap<>();
    long version = 10;

    VirtualNode(String id, VirtualEngine engine, boolean manager) {
        this.id = id;
        this.engine = engine;
        this.manager = manager;
    }

    public String id() {
        return id;
    }

    public String hostname() {
        return engine.name;
    }

    public Map<String, String> labels() {
        synchronized (engine.lock) {
            return Map.copyOf(labels);
        }
    }

    public VirtualEngine engine() {
        return engine;
    }
}
