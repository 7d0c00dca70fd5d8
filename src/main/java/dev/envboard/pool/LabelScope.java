package dev.envboard.pool;

/** Where a pool keeps the environment label: Swarm node labels (API) or engine labels (daemon.json). */
public enum LabelScope {
    NODE, ENGINE
}
