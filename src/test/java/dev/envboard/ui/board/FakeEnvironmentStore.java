package dev.envboard.ui.board;

import dev.envboard.pool.EmptyEnvironmentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Environments without hosts in memory; every write is logged, and writes can be made to fail. */
final class FakeEnvironmentStore implements EmptyEnvironmentStore {
    private final Map<String, Set<String>> byPool = new TreeMap<>();
    final List<String> writes = new ArrayList<>();
    boolean failWrites;

    @Override
    public Set<String> of(String pool) {
        return Set.copyOf(byPool.getOrDefault(pool, Set.of()));
    }

    @Override
    public void add(String pool, String environment) {
        write("add " + pool + "/" + environment);
        byPool.computeIfAbsent(pool, p -> new TreeSet<>()).add(environment);
    }

    @Override
    public void remove(String pool, String environment) {
        write("remove " + pool + "/" + environment);
        byPool.getOrDefault(pool, new TreeSet<>()).remove(environment);
    }

    private void write(String what) {
        if (failWrites) {
            throw new UncheckedIOException("cannot save environments.json: disk full", new IOException("disk full"));
        }
        writes.add(what);
    }
}
