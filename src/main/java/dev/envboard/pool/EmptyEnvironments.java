package dev.envboard.pool;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.runtime.OffFxThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Environments created on the board before any host carries their label. No engine knows them,
 * so they are kept per pool in {@code environments.json} in the state dir. Reads come from
 * memory; a write holds only the write lock while it is on disk, so a reader never waits for it.
 */
public final class EmptyEnvironments implements EmptyEnvironmentStore {
    private static final Logger LOG = Logger.getLogger(EmptyEnvironments.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Set<String>> byPool = new TreeMap<>();
    /** Writes one at a time, each with the state as it is then: the last write on disk is the newest state. */
    private final Object writing = new Object();

    public EmptyEnvironments(Path stateDir) {
        this.file = stateDir.resolve("environments.json");
        load();
    }

    @Override
    public synchronized Set<String> of(String pool) {
        return Set.copyOf(byPool.getOrDefault(pool, Set.of()));
    }

    @Override
    public void add(String pool, String environment) {
        OffFxThread.check("EmptyEnvironments.add");
        synchronized (this) {
            byPool.computeIfAbsent(pool, p -> new TreeSet<>()).add(environment);
        }
        save();
    }

    @Override
    public void remove(String pool, String environment) {
        OffFxThread.check("EmptyEnvironments.remove");
        synchronized (this) {
            Set<String> names = byPool.get(pool);
            if (names == null || !names.remove(environment)) {
                return;
            }
        }
        save();
    }

    private synchronized Map<String, Set<String>> copy() {
        Map<String, Set<String>> copy = new TreeMap<>();
        byPool.forEach((pool, names) -> copy.put(pool, new TreeSet<>(names)));
        return copy;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Map<String, TreeSet<String>> read = JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, TreeSet<String>>>() { });
            byPool.putAll(read);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
        }
    }

    private void save() {
        synchronized (writing) {
            try {
                Files.createDirectories(file.getParent());
                Path temp = file.resolveSibling(file.getFileName() + ".tmp");
                JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), copy());
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
