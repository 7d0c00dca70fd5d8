package dev.envboard.pool;

/** Swarm node availability; standalone engines are always ACTIVE. */
public enum Availability {
    ACTIVE, DRAIN, PAUSE;

    public String label() {
        return name().toLowerCase();
    }
}
