package dev.envboard.pool;

/** How well Envboard can see a pool right now. */
public enum PoolStatus {
    /** Every host answered. */
    ONLINE,
    /** The pool answered but some hosts did not. */
    DEGRADED,
    /** The pool cannot be reached at all (manager down, every engine unreachable). */
    OFFLINE,
    /** Envboard will not connect as configured (TLS file missing...). */
    REFUSED,
    /** Not asked yet. */
    UNKNOWN;

    public String label() {
        return name().toLowerCase();
    }
}
