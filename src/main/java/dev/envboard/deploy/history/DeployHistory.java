package dev.envboard.deploy.history;

import dev.envboard.runtime.OffFxThread;
import dev.envboard.runtime.Notices;
import dev.envboard.store.JsonLinesFile;
import dev.envboard.store.RecordsRead;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every redeploy, one JSON line each in {@code deploys.jsonl} (XDG state dir), rotated at 10 MiB
 * (the previous file is kept and read too). Write failures and corrupt lines go to the notices.
 */
public final class DeployHistory implements DeployRecords {
    static final long ROTATE_BYTES = 10L * 1024 * 1024;

    private final JsonLinesFile<DeployRecord> file;

    public DeployHistory(Path stateDir, Notices notices) {
        this.file = new JsonLinesFile<>(stateDir.resolve("deploys.jsonl"), DeployRecord.class, ROTATE_BYTES,
                "deploy history", notices);
    }

    /** Hears each record once it is on disk, on the appending thread. */
    @Override
    public void addListener(Consumer<DeployRecord> listener) {
        file.addListener(listener);
    }

    /** @return whether the record is on disk (a failure has been reported to the notices) */
    public boolean append(DeployRecord record) {
        OffFxThread.check("DeployHistory.append");
        return file.append(record);
    }

    /** Newest first, at most {@code max}. */
    @Override
    public List<DeployRecord> recent(int max) {
        OffFxThread.check("DeployHistory.recent");
        return file.recent(max);
    }

    /** The same, with the lines that were skipped as corrupt. */
    public RecordsRead<DeployRecord> read(int max) {
        OffFxThread.check("DeployHistory.read");
        return file.read(max);
    }

    public Path file() {
        return file.file();
    }
}
