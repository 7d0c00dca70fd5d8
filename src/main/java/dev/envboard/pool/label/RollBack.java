package dev.envboard.pool.label;

import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.label.DaemonJsonFile.ChangedMeanwhileException;
import dev.envboard.pool.label.DaemonJsonFile.Snapshot;
import dev.envboard.ssh.SshConnector;
import dev.envboard.ssh.SshException;
import dev.envboard.ssh.SshSession;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts daemon.json back after a failed change and reloads the engine; the result is the one
 * exception that tells the user what failed and in which state the host was left. When the
 * connection that did the change broke, the restore is tried once more on a fresh one.
 */
final class RollBack {
    private static final Logger LOG = Logger.getLogger(RollBack.class.getName());

    /** What was changed, to be undone. */
    record Change(Snapshot before, byte[] written, String stamp, String backup) {
    }

    private final SshConnector ssh;
    private final EngineSpec engine;
    private final EngineReload reload;
    private final String host;

    RollBack(SshConnector ssh, EngineSpec engine, EngineReload reload) {
        this.ssh = ssh;
        this.engine = engine;
        this.reload = reload;
        this.host = engine.displayName();
    }

    /** @param failure what went wrong, as a clause: it starts the message */
    LabelChangeException after(String failure, SshSession session, Change change) {
        // An interrupt must not stop the restore; it is handed back to the caller afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            try {
                return restoreOver(session, failure, change);
            } catch (SshException first) {
                LOG.log(Level.FINE, host + ": restore over the first connection failed, retrying", first);
                try (SshSession fresh = ssh.open(engine.ssh())) {
                    return restoreOver(fresh, failure, change);
                } catch (SshException second) {
                    return new LabelChangeException(host + ": " + failure + "; RESTORING FAILED (" + second.getMessage()
                            + "): " + engine.daemonJson() + " may still hold the new labels; " + saved(change), second);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LabelChangeException restoreOver(SshSession session, String failure, Change change) throws SshException {
        String path = engine.daemonJson();
        boolean restored;
        try {
            restored = new DaemonJsonFile(session, host, path).restore(change.before(), change.written(), change.stamp());
        } catch (ChangedMeanwhileException e) {
            return new LabelChangeException(host + ": " + failure + "; the original was NOT put back because " + path
                    + " was changed by someone else after Envboard wrote it; " + saved(change));
        }
        if (!restored) {
            return new LabelChangeException(host + ": " + failure + "; " + path + " was not changed");
        }
        String reloadProblem = reload.run(session);
        if (reloadProblem != null) {
            return new LabelChangeException(host + ": " + failure + "; the original " + path
                    + " was restored, but then " + reloadProblem + ": reload dockerd by hand");
        }
        return new LabelChangeException(host + ": " + failure + "; the original " + path + " was restored and the engine reloaded");
    }

    private String saved(Change change) {
        return change.backup() == null
                ? "there was no " + engine.daemonJson() + " before, delete it to go back"
                : "the original is saved as " + change.backup();
    }
}
