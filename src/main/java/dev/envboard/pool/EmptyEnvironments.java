package dev.envboard.pool;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * so they are kept per pool in {@code environments.json} in the state dir.
 */
public final class EmptyEnvironments {
    private static final Logger LOG = Logger.getLogger(EmptyEnvironments.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Set<String>> byPool = new TreeMap<>();

    public EmptyEnvironments(Path stateDir) {
        this.file = stateDir.resolve("environments.json");
        load();
    }

    public synchronized Set<String> of(String pool) {
        return Set.copyOf(byPool.getOrDefault(pool, Set.of()));
    }

    public synchronized void add(String pool, String environment) {
        byPool.computeIfAbsent(pool, p -> new TreeSet<>()).add(environment);
        save();
    }

    public synchronized void remove(String pool, String environment) {
        Set<String> names = byPool.get(pool);
        if (names != null && names.remove(environment)) {
            save();
        }
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
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), byPool);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save " + file + ": " + e.getMessage());
        }
    }
}
