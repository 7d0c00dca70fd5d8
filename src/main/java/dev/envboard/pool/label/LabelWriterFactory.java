package dev.envboard.pool.label;

import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;

/** Picks how a host's environment label is written: Swarm API or daemon.json over SSH. */
@FunctionalInterface
public interface LabelWriterFactory {
    EnvironmentLabelWriter writerFor(PoolSpec pool, Host host) throws LabelChangeException;
}
