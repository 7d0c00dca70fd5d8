package dev.envboard.deploy.compose;

import java.util.Map;

/**
 * A top-level network. {@code name} is the network's key in the file; driver null means the
 * pool's default (overlay in a Swarm, bridge on a standalone engine); external networks are used,
 * never created or removed.
 */
public record NetworkDef(String name, String driver, boolean external, Map<String, String> labels) {
    public NetworkDef {
        labels = Map.copyOf(labels);
    }
}
