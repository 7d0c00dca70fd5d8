package dev.envboard.pool.placement;

import java.util.Map;

/** What Swarm placement constraints can ask about a node. */
public record NodeFacts(String id, String hostname, String role, String os, String arch,
                        Map<String, String> nodeLabels, Map<String, String> engineLabels) {

    public NodeFacts {
        nodeLabels = Map.copyOf(nodeLabels);
        engineLabels = Map.copyOf(engineLabels);
    }

    public NodeFacts withNodeLabels(Map<String, String> labels) {
        return new NodeFacts(id, hostname, role, os, arch, labels, engineLabels);
    }

    public NodeFacts withEngineLabels(Map<String, String> labels) {
        return new NodeFacts(id, hostname, role, os, arch, nodeLabels, labels);
    }
}
