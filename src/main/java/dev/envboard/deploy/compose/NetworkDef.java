package dev.envboard.deploy.compose;

import java.util.Map;

/**
 * A top-level network. {@code name} is the network's key in the file; driver null means the
 * pool's default (overlay in a Swarm, bridge on a standalone engine); external networks are used,
 * never created or removed. {@code options} are the driver's options (compose's driver_opts).
 */
public record NetworkDef(String name, String driver, boolean external, Map<String, String> labels, Map<String, String> options) {
    public NetworkDef {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
    }

    /** A network the stack names without settings of its own, like compose's implicit default. */
    public static NetworkDef plain(String name) {
        return new NetworkDef(name, null, false, Map.of(), Map.of());
    }
}
