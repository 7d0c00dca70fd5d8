package dev.envboard.deploy.history;

import dev.envboard.runtime.OffFxThread;
import dev.envboard.store.JsonLinesFile;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Every redeploy, one JSON line each in {@code deploys.jsonl} (XDG state dir), rotated at 10 MiB. */
public final class DeployHistory implements DeployRecords {
    static final long ROTATE_BYTES = 10L * 1024 * 1024;

    private final JsonLinesFile<DeployRecord> file;

    public DeployHistory(Path stateDir) {
        this.file = new JsonLinesFile<>(stateDir.resolve("deploys.jsonl"), DeployRecord.class, ROTATE_BYTES);
    }

    @Override
    public void addListener(Consumer<DeployRecord> listener) {
        file.addListener(listener);
    }

    public void append(DeployRecord record) {
        OffFxThread.check("DeployHistory.append");
        file.append(record);
    }

    /** Newest first, at most {@code max}. */
    @Override
    public List<DeployRecord> recent(int max) {
        OffFxThread.check("DeployHistory.recent");
        return file.recent(max);
    }
}
