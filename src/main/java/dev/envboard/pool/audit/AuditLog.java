package dev.envboard.pool.audit;

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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every label change, appended as one JSON line to {@code audit.jsonl} in the XDG state dir.
 * The file is rotated once at {@link #ROTATE_BYTES} (one previous file kept), so it stays bounded.
 */
public final class AuditLog {
    static final long ROTATE_BYTES = 5L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final List<Consumer<AuditEntry>> listeners = new CopyOnWriteArrayList<>();

    public AuditLog(Path stateDir) {
        this.file = stateDir.resolve("audit.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Called on the appending thread; UI listeners hop to the FX thread themselves. */
    public void addListener(Consumer<AuditEntry> listener) {
        listeners.add(listener);
    }

    public void append(AuditEntry entry) {
        synchronized (this) {
            try {
                Files.createDirectories(file.getParent());
                if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
                    Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // Losing the audit line must not undo a change that did happen; say so loudly.
                LOG.log(Level.SEVERE, "cannot append to audit log " + file + ": " + e.getMessage());
            }
        }
        listeners.forEach(listener -> listener.accept(entry));
    }

    /** The newest entries first, at most {@code max}. */
    public List<AuditEntry> recent(int max) {
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
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && entries.size() < max; i--) {
            try {
                entries.add(JSON.readValue(lines.get(i), AuditEntry.class));
            } catch (IOException e) {
                LOG.log(Level.FINE, "skipping unreadable audit line " + (i + 1));
            }
        }
        return Collections.unmodifiableList(entries);
    }
}
