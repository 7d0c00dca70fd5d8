package dev.envboard.deploy.history;

import java.util.List;
import java.util.function.Consumer;

/** The recorded redeploys as the Deploys view reads them; {@link DeployHistory} is the real one. */
public interface DeployRecords {
    /** Called on the appending thread with each new record. */
    void addListener(Consumer<DeployRecord> listener);

    /** Newest first, at most {@code max}; blocks while the file is read. */
    List<DeployRecord> recent(int max);
}
