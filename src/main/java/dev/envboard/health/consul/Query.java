package dev.envboard.health.consul;

import java.time.Duration;

/**
 * How to ask: now (no index), or blocking until Consul's index passes {@code index} or
 * {@code maxWait} elapses. Index 0 also answers at once, as Consul does.
 */
public record Query(long index, Duration maxWait) {

    public static Query now() {
        return new Query(-1, null);
    }

    public static Query blocking(long index, Duration maxWait) {
        return new Query(Math.max(0, index), maxWait);
    }

    public boolean isBlocking() {
        return maxWait != null;
    }
}
