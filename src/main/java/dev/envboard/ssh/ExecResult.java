package dev.envboard.ssh;

import java.nio.charset.StandardCharsets;

/**
 * What one remote command did. Output is bounded (see {@link SshSession#OUTPUT_LIMIT}); a cut
 * stream is flagged so nobody mistakes a partial file for the whole one.
 */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean stdoutCut, boolean stderrCut) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8) + (stdoutCut ? "\n[output cut]" : "");
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8) + (stderrCut ? "\n[output cut]" : "");
    }

    /** The last stderr line (or stdout when stderr is empty), for one-line error messages. */
    public String lastErrorLine() {
        String text = stderr.length > 0 ? new String(stderr, StandardCharsets.UTF_8)
                : new String(stdout, StandardCharsets.UTF_8);
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "exit code " + exitCode : last;
    }
}
