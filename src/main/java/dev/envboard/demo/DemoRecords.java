package dev.envboard.demo;

import dev.envboard.pool.PoolSpec;
import java.util.Optional;

/**
 * Where demos are recorded: in the pool itself, so that every Envboard (and every user's state
 * directory) sees the same. One record per demo environment. Blocking.
 */
public interface DemoRecords {
    /** Every demo the pool records, with what could not be read. */
    DemoListing list(PoolSpec pool);

    Optional<Demo> find(PoolSpec pool, String environment);

    /** Writes the demo's record, replacing the one of the same environment. */
    void put(PoolSpec pool, Demo demo) throws DemoException;

    /** Removes the demo's record; nothing to do when there is none. */
    void remove(PoolSpec pool, String environment) throws DemoException;
}
