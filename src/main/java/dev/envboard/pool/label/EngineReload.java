package dev.envboard.pool.label;

import dev.envboard.ssh.ExecResult;
import dev.envboard.ssh.SshException;
import dev.envboard.ssh.SshSession;

/** Runs the engine's configured reload command (SIGHUP to dockerd, one way or another). */
final class EngineReload {
    private final String command;

    EngineReload(String command) {
        this.command = command;
    }

    String command() {
        return command;
    }

    /** @return null when the command succeeded, else what went wrong, as a clause of a sentence */
    String run(SshSession session) {
        try {
            ExecResult result = session.exec(command, null);
            if (!result.succeeded()) {
                return "the reload command `" + command + "` failed (exit " + result.exitCode() + ": "
                        + result.lastErrorLine() + ")";
            }
            return null;
        } catch (SshException e) {
            return "the reload command failed: " + e.getMessage();
        }
    }
}
