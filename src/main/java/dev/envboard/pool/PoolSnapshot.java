package dev.envboard.pool;

import java.time.Instant;
import java.util.List;

/** What one inspection of a pool found. */
public record PoolSnapshot(PoolSpec pool, PoolKind kind, PoolStatus status, String message,
                           List<Host> hosts, Instant at) {

    public PoolSnapshot {
        hosts = List.copyOf(hosts);
    }

    /** The same answer as {@code other}, whenever each was taken: nothing shown would change. */
    public boolean sameContent(PoolSnapshot other) {
        return other != null && pool.equals(other.pool) && kind == other.kind && status == other.status
                && message.equals(other.message) && hosts.equals(other.hosts);
    }

    public static PoolSnapshot unknown(PoolSpec pool) {
        return new PoolSnapshot(pool, pool.kind(), PoolStatus.UNKNOWN, "not checked yet", List.of(), Instant.EPOCH);
    }

    public static PoolSnapshot failed(PoolSpec pool, PoolStatus status, String message, Instant at) {
        return new PoolSnapshot(pool, pool.kind(), status, message, List.of(), at);
    }
}
