package dev.envboard.pool;

import java.util.Set;

/** Environments kept without hosts, per pool; {@link EmptyEnvironments} is the real one. */
public interface EmptyEnvironmentStore {
    /** Answers from memory: never waits for a write. */
    Set<String> of(String pool);

    /** Blocks while the file is written; throws UncheckedIOException when it cannot be. */
    void add(String pool, String environment);

    /** Blocks while the file is written; throws UncheckedIOException when it cannot be. */
    void remove(String pool, String environment);
}
