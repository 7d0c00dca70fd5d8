package dev.envboard.ui.health;

import dev.envboard.health.HealthStatus;

/**
 * One line of the Health view's tree: a service, one of its instances, a check, or a Consul node.
 *
 * @param key    stable across snapshots, to keep expansion and selection when the tree is rebuilt
 * @param output the first line for the table; {@code detail} has the whole story for the pane below
 */
public record HealthRow(Kind kind, String key, String name, HealthStatus status, String node, String host,
                        String environment, String output, String detail) {

    public enum Kind { SERVICE, INSTANCE, CHECK, NODES, NODE }
}
