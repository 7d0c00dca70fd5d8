package dev.envboard.pool.audit;

import dev.envboard.runtime.OffFxThread;
import dev.envboard.runtime.Notices;
import dev.envboard.store.JsonLinesFile;
import dev.envboard.store.RecordsRead;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every label change, appended as one JSON line to {@code audit.jsonl} in the XDG state dir.
 * The file is rotated once at {@link #ROTATE_BYTES} (one previous file kept, and read too), so it
 * stays bounded. Write failures and corrupt lines go to the notices.
 */
public final class AuditLog {
    static final long ROTATE_BYTES = 5L * 1024 * 1024;

    private final JsonLinesFile<AuditEntry> file;

    public AuditLog(Path stateDir, Notices notices) {
        this.file = new JsonLinesFile<>(stateDir.resolve("audit.jsonl"), AuditEntry.class, ROTATE_BYTES, "audit log", notices);
    }

    /** Hears each entry once it is on disk, on the appending thread; UI listeners hop to the FX thread themselves. */
    public void addListener(Consumer<AuditEntry> listener) {
        file.addListener(listener);
    }

    /** @return whether the entry is on disk (a failure has been reported to the notices) */
    public boolean append(AuditEntry entry) {
        OffFxThread.check("AuditLog.append");
        return file.append(entry);
    }

    /** The newest entries first, at most {@code max}. */
    public List<AuditEntry> recent(int max) {
        OffFxThread.check("AuditLog.recent");
        return file.recent(max);
    }

    /** The same, with the lines that were skipped as corrupt. */
    public RecordsRead<AuditEntry> read(int max) {
        return file.read(max);
    }

    public Path file() {
        return file.file();
    }
}
