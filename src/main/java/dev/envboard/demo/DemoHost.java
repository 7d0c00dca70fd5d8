package dev.envboard.demo;

import dev.envboard.pool.Host;

/**
 * A host a demo was launched on, as its record keeps it: the pool's entry for it (what another
 * Envboard with the same pools.yaml matches) and its name.
 */
public record DemoHost(String entry, String name) {
    public static DemoHost of(Host host) {
        return new DemoHost(host.key().entry(), host.displayName());
    }

    /** This host of a snapshot: by the pool's entry, else (another user's pools.yaml) by hostname. */
    public boolean is(Host host) {
        return entry.equals(host.key().entry()) || name.equals(host.hostname()) || name.equals(host.displayName());
    }
}
