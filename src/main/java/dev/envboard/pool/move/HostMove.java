package dev.envboard.pool.move;

import dev.envboard.pool.Host;

/** One host going from one environment to another; null means unassigned. */
public record HostMove(Host host, String from, String to) {

    public static HostMove of(Host host, String to) {
        return new HostMove(host, host.environment(), to);
    }

    public boolean changesAnything() {
        return !java.util.Objects.equals(from, to);
    }

    public String describe() {
        return host.displayName() + ": " + name(from) + " → " + name(to);
    }

    static String name(String environment) {
        return environment == null ? "unassigned" : environment;
    }
}
