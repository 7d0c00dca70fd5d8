package dev.envboard.pool.label;

import dev.envboard.ssh.ExecResult;
import dev.envboard.ssh.ShellQuote;
import dev.envboard.ssh.SshException;
import dev.envboard.ssh.SshSession;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * daemon.json on the host, handled through POSIX sh and coreutils over one SSH session: read it,
 * replace it atomically (temp file beside it, then rename) if it is still what was read, put the
 * backup back. Each script runs under {@code sh -c}, so the login shell's dialect does not matter.
 * A symlinked daemon.json is followed: the file it points to is replaced, the link is kept.
 */
final class DaemonJsonFile {
    /** The sha256 stand-in for "there is no file". */
    static final String ABSENT = "absent";
    private static final int EXIT_ABSENT = 3;
    private static final int EXIT_INCOMPLETE = 10;
    private static final int EXIT_CHANGED = 11;
    /**
     * The temp file goes when the script ends, also when a lost connection ends it: then a write
     * to the closed stdout or stderr raises SIGPIPE (or sshd sends SIGHUP), and sh runs no EXIT
     * trap for a signal that kills it.
     */
    private static final String REMOVE_TEMP_ON_EXIT = "trap 'rm -f -- \"$tmp\"' EXIT\n"
            + "trap 'rm -f -- \"$tmp\"; exit 129' HUP\ntrap 'rm -f -- \"$tmp\"; exit 141' PIPE\ntrap 'rm -f -- \"$tmp\"; exit 143' TERM";
    /** Once renamed, the temp file is daemon.json: nothing to remove any more. */
    private static final String KEEP_TEMP = "trap - EXIT HUP PIPE TERM";
    /** A temp file this old was left by a script that was killed outright; none runs that long. */
    static final int STALE_TEMP_MINUTES = 10;
    private static final int EXIT_BUSY = 12;
    /** How long a script waits for one that still works on the file (an orphan of a cut connection). */
    static final int LOCK_WAIT_SECONDS = 30;
    /**
     * Every script holds a lock on daemon.json's folder (flock(1), where the host has it) while it
     * works, so one whose connection was cut finishes its rename before the next looks at the
     * file: the rollback then sees what is really there. The folder, not a lock file: nothing is
     * left beside daemon.json.
     */
    private static final String LOCK_FOLDER = """
            if command -v flock >/dev/null 2>&1 && exec 9<"$(dirname -- "$f")"; then
              flock -w %d 9 || { echo "another change of $f is still running on the host" >&2; exit %d; }
            fi
            """.formatted(LOCK_WAIT_SECONDS, EXIT_BUSY);

    /** The file as read: its bytes (empty when absent) and their sha256. */
    record Snapshot(byte[] bytes, String sha256) {
        /** Strictly decoded: a lenient decode would silently rewrite bytes that are not UTF-8. */
        String text() throws CharacterCodingException {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        }
    }

    /** The file is not what Envboard read (or wrote) there: someone else changed it. Nothing was written. */
    static final class ChangedMeanwhileException extends Exception {
        ChangedMeanwhileException(String message) {
            super(message);
        }
    }

    private final SshSession session;
    private final String host;
    private final String path;

    DaemonJsonFile(SshSession session, String host, String path) {
        this.session = session;
        this.host = host;
        this.path = path;
    }

    String path() {
        return path;
    }

    /** Where the backup with this stamp lives, unless daemon.json is a link ({@link #replace} reports the real one). */
    String backupPath(String stamp) {
        return path + ".envboard-backup-" + stamp;
    }

    Snapshot read() throws SshException, LabelChangeException {
        ExecResult result = run("[ -e \"$f\" ] || exit " + EXIT_ABSENT + "\nexec cat -- \"$f\"", null);
        if (result.exitCode() == EXIT_ABSENT) {
            return new Snapshot(new byte[0], ABSENT);
        }
        if (!result.succeeded()) {
            throw new LabelChangeException(host + ": cannot read " + path + ": " + result.lastErrorLine());
        }
        if (result.stdoutCut()) {
            throw new LabelChangeException(host + ": " + path + " is larger than " + SshSession.OUTPUT_LIMIT
                    + " bytes; that is not a daemon.json Envboard will edit");
        }
        return new Snapshot(result.stdout(), sha256(result.stdout()));
    }

    /**
     * Writes {@code content} over the file if it still has the sha256 of {@code expected}, keeping
     * a copy of the old one as {@code daemon.json.envboard-backup-<stamp>} (mode and owner kept).
     *
     * @return the backup's path, or null when there was no file before
     * @throws ChangedMeanwhileException when the file changed since {@code expected} was read
     */
    String replace(Snapshot expected, byte[] content, String stamp)
            throws SshException, LabelChangeException, ChangedMeanwhileException {
        String script = """
                expected=%s
                backup="$f.envboard-backup-"%s
                tmp=$(mktemp "$f.envboard-tmp-XXXXXX")
                %s
                cat > "$tmp"
                got=$(sha256sum < "$tmp")
                [ "${got%%%% *}" = %s ] || { echo "the new content arrived incomplete" >&2; exit %d; }
                if [ -e "$f" ]; then now=$(sha256sum < "$f"); now=${now%%%% *}; else now=absent; fi
                [ "$now" = "$expected" ] || { echo "it changed since Envboard read it" >&2; exit %d; }
                if [ -e "$f" ]; then
                  cp -p -- "$f" "$backup"
                  chmod --reference="$f" -- "$tmp"
                  sync -- "$backup"
                else
                  chmod 644 -- "$tmp"
                  backup=
                fi
                sync -- "$tmp"
                mv -f -- "$tmp" "$f"
                %s
                printf '%%s\\n' "$backup"
                """.formatted(ShellQuote.quote(expected.sha256()), ShellQuote.quote(stamp), REMOVE_TEMP_ON_EXIT,
                ShellQuote.quote(sha256(content)), EXIT_INCOMPLETE, EXIT_CHANGED, KEEP_TEMP);
        ExecResult result = run(script, content);
        if (result.exitCode() == EXIT_CHANGED) {
            throw new ChangedMeanwhileException(result.lastErrorLine());
        }
        if (!result.succeeded()) {
            throw new LabelChangeException(host + ": cannot write " + path + ": " + result.lastErrorLine()
                    + "; the file was left as it was");
        }
        String backup = result.stdoutText().strip();
        return backup.isEmpty() ? null : backup;
    }

    /**
     * Puts the file back as it was before {@link #replace}: the backup is copied beside it and
     * renamed over it (or the file is removed when there was none). Does nothing when the file
     * already has its original content, and refuses when someone else changed it since.
     *
     * @return true when something was put back, false when the file was already the original
     */
    boolean restore(Snapshot original, byte[] written, String stamp) throws SshException, ChangedMeanwhileException {
        String script = """
                original=%s
                backup="$f.envboard-backup-"%s
                if [ -e "$f" ]; then now=$(sha256sum < "$f"); now=${now%%%% *}; else now=absent; fi
                [ "$now" = "$original" ] && { echo unchanged; exit 0; }
                [ "$now" = %s ] || { echo "it was changed by someone else after Envboard wrote it" >&2; exit %d; }
                if [ "$original" = absent ]; then rm -f -- "$f"; echo restored; exit 0; fi
                tmp=$(mktemp "$f.envboard-tmp-XXXXXX")
                %s
                cp -p -- "$backup" "$tmp"
                sync -- "$tmp"
                mv -f -- "$tmp" "$f"
                %s
                echo restored
                """.formatted(ShellQuote.quote(original.sha256()), ShellQuote.quote(stamp),
                ShellQuote.quote(sha256(written)), EXIT_CHANGED, REMOVE_TEMP_ON_EXIT, KEEP_TEMP);
        ExecResult result = run(script, null);
        if (result.exitCode() == EXIT_CHANGED) {
            throw new ChangedMeanwhileException(result.lastErrorLine());
        }
        if (!result.succeeded()) {
            throw new SshException("ssh " + session.target() + ": restoring " + path + " failed: " + result.lastErrorLine());
        }
        return result.stdoutText().strip().equals("restored");
    }

    /**
     * Deletes all but the newest {@code keep} backups (names sort by time), and temp files older
     * than {@value #STALE_TEMP_MINUTES} minutes: those of a script that was killed outright.
     */
    void pruneBackups(int keep) throws SshException {
        String script = """
                now=$(date +%%s)
                for t in "$f".envboard-tmp-*; do
                  [ -e "$t" ] || continue
                  if [ $((now - $(stat -c %%Y -- "$t"))) -gt %d ]; then rm -f -- "$t"; fi
                done
                set -- "$f".envboard-backup-*
                [ -e "$1" ] || exit 0
                n=$#
                for b do
                  [ "$n" -gt %d ] || break
                  rm -f -- "$b"
                  n=$((n - 1))
                done
                """.formatted(STALE_TEMP_MINUTES * 60, keep);
        ExecResult result = run(script, null);
        if (!result.succeeded()) {
            throw new SshException("ssh " + session.target() + ": removing old backups and temp files of " + path + " failed: "
                    + result.lastErrorLine());
        }
    }

    /** Runs a script with {@code $f} set to the real path of daemon.json (links followed). */
    private ExecResult run(String body, byte[] stdin) throws SshException {
        String quoted = ShellQuote.quote(path);
        String script = "set -eu\nLC_ALL=C; export LC_ALL\nf=$(readlink -f -- " + quoted + ") || f=" + quoted + "\n"
                + LOCK_FOLDER + body;
        return session.exec("sh -c " + ShellQuote.quote(script), stdin);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
