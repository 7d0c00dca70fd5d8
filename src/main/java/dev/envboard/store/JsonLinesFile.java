package dev.envboard.store;

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
 * An append-only file of records, one JSON line each, rotated once past {@code rotateBytes} (one
 * previous file kept), so it stays bounded. Listeners hear of each appended record on the
 * appending thread; UI listeners hop to the FX thread themselves.
 */
public final class JsonLinesFile<T> {
    private static final Logger LOG = Logger.getLogger(JsonLinesFile.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;
    private final long rotateBytes;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    public JsonLinesFile(Path file, Class<T> type, long rotateBytes) {
        this.file = file;
        this.type = type;
        this.rotateBytes = rotateBytes;
    }

    public void addListener(Consumer<T> listener) {
        listeners.add(listener);
    }

    /**
     * A failed write is logged, not thrown: losing a line must not undo a change that did happen
     * (a label written, a deploy run); the listeners still hear of it.
     */
    public void append(T record) {
        synchronized (this) {
            try {
                Files.createDirectories(file.getParent());
                if (Files.exists(file) && Files.size(file) > rotateBytes) {
                    Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(file, JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "cannot append to " + file + ": " + e.getMessage());
            }
        }
        listeners.forEach(listener -> listener.accept(record));
    }

    /** The newest records first, at most {@code max}; unreadable lines are skipped. */
    public List<T> recent(int max) {
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
        List<T> records = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && records.size() < max; i--) {
            try {
                records.add(JSON.readValue(lines.get(i), type));
            } catch (IOException e) {
                LOG.log(Level.FINE, "skipping unreadable line " + (i + 1) + " of " + file);
            }
        }
        return Collections.unmodifiableList(records);
    }
}
