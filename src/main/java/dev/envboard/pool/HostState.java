package dev.envboard.pool;

/** READY/DOWN as Swarm reports a node; UNREACHABLE when Envboard itself cannot reach the engine. */
public enum HostState {
    READY, DOWN, UNREACHABLE, UNKNOWN;

    public String label() {
        return name().toLowerCase();
    }
}
