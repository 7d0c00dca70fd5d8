package dev.envboard.pool;

public enum HostRole {
    MANAGER, WORKER, STANDALONE;

    public String label() {
        return name().toLowerCase();
    }
}
