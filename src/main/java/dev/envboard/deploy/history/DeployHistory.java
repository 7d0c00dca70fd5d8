package dev.envboard.deploy.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every redeploy, one JSON line each in {@code deploys.jsonl} (XDG state dir), rotated at 10 MiB. */
public final class DeployHistory {
    static final long ROTATE_BYTES = 10L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(DeployHistory.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final List<Consumer<DeployRecord>> listeners = new CopyOnWriteArrayList<>();

    public DeployHistory(Path stateDir) {
        this.file = stateDir.resolve("deploys.jsonl");
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public void addListener(Consumer<DeployRecord> listener) {
        listeners.add(listener);
    }

    public void append(DeployRecord record) {
        synchronized (this) {
            try {
                Files.createDirectories(file.getParent());
                if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
                    Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(file, JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "cannot append to deploy history " + file + ": " + e.getMessage());
            }
        }
        listeners.forEach(listener -> listener.accept(record));
    }

    /** Newest first, at most {@code max}. */
    public List<DeployRecord> recent(int max) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            synchronized (this) {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DeployRecord> records = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && records.size() < max; i--) {
            try {
                records.add(JSON.readValue(lines.get(i), DeployRecord.class));
            } catch (IOException e) {
                LOG.log(Level.FINE, "skipping unreadable deploy line " + (i + 1));
            }
        }
        return records;
    }

    public Optional<DeployRecord> last(String pool, String environment) {
        return recent(Integer.MAX_VALUE).stream()
                .filter(r -> r.pool().equals(pool) && r.environment().equals(environment))
                .filter(r -> !DeployRecord.REFUSED.equals(r.result()))
                .findFirst();
    }
}
