package dev.envboard.pool;

/** How a pool's hosts are organised; AUTO is the no-config default, decided by asking the engine. */
public enum PoolKind {
    SWARM, STANDALONE, AUTO;

    public String label() {
        return name().toLowerCase();
    }
}
