package dev.envboard.pool;

import dev.envboard.docker.EndpointSpec;

/**
 * Who a host is: the pool's own entry for it, never what the engine says about itself. Engines
 * cloned from one VM image report the same engine ID, and hostnames repeat; a standalone host is
 * the endpoint the pool lists, a Swarm node the ID its manager assigned when it joined.
 */
public record HostKey(String pool, String entry) {

    public static HostKey engine(String pool, EndpointSpec endpoint) {
        return new HostKey(pool, endpoint.uri().toString());
    }

    public static HostKey node(String pool, String nodeId) {
        return new HostKey(pool, "node:" + nodeId);
    }

    /** One line of text that names this key, e.g. for a drag-and-drop payload. */
    public String asText() {
        return pool + " " + entry;
    }

    @Override
    public String toString() {
        return asText();
    }
}
