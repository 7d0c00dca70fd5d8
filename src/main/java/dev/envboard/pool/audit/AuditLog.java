package dev.envboard.pool.audit;

import dev.envboard.runtime.OffFxThread;
import dev.envboard.store.JsonLinesFile;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every label change, appended as one JSON line to {@code audit.jsonl} in the XDG state dir.
 * The file is rotated once at {@link #ROTATE_BYTES} (one previous file kept), so it stays bounded.
 */
public final class AuditLog {
    static final long ROTATE_BYTES = 5L * 1024 * 1024;

    private final JsonLinesFile<AuditEntry> file;

    public AuditLog(Path stateDir) {
        this.file = new JsonLinesFile<>(stateDir.resolve("audit.jsonl"), AuditEntry.class, ROTATE_BYTES);
    }

    /** Called on the appending thread; UI listeners hop to the FX thread themselves. */
    public void addListener(Consumer<AuditEntry> listener) {
        file.addListener(listener);
    }

    public void append(AuditEntry entry) {
        OffFxThread.check("AuditLog.append");
        file.append(entry);
    }

    /** The newest entries first, at most {@code max}. */
    public List<AuditEntry> recent(int max) {
        OffFxThread.check("AuditLog.recent");
        return file.recent(max);
    }
}
