package dev.envboard.pool.label;

import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.EngineSpec;
import dev.envboard.ssh.SshTarget;
import dev.envboard.pool.label.DaemonJsonFile.ChangedMeanwhileException;
import dev.envboard.pool.label.DaemonJsonFile.Snapshot;
import dev.envboard.ssh.SshConnector;
import dev.envboard.ssh.SshException;
import dev.envboard.ssh.SshSession;
import dev.envboard.ssh.UnknownHostKeyException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Changes a standalone engine's label in its daemon.json over SSH, reloads the engine and waits
 * until the engine shows the new value. Any failure after the file was written puts the original
 * file back and reloads again, so the host is left as it was.
 *
 * <p>A host key that is not in known_hosts fails the write with a {@link LabelChangeException}
 * whose cause is the {@link UnknownHostKeyException} itself (find it with
 * {@link UnknownHostKeyException#in}); it carries the key and fingerprint to show the user, and
 * after {@link SshConnector#acceptHostKey} the write can simply be tried again.
 */
public final class EngineLabelWriter implements EnvironmentLabelWriter {
    public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);
    static final int BACKUPS_KEPT = 5;
    /** Fixed width, so that the backups' names sort by time. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(EngineLabelWriter.class.getName());

    private final EngineSpec engine;
    private final SshConnector ssh;
    private final LiveLabels live;
    private final LabelConvergence convergence;
    private final EngineReload reload;
    private final RollBack rollBack;
    private final Clock clock;
    private final String host;

    public EngineLabelWriter(EngineSpec engine, SshConnector ssh, LiveLabels live, Clock clock) {
        this(engine, ssh, live, DEFAULT_VERIFY_TIMEOUT, DEFAULT_POLL_INTERVAL, clock);
    }

    /**
     * @param live          the engine's labels as the Docker API reports them now
     * @param verifyTimeout how long the engine may take to show the new label after the reload
     */
    public EngineLabelWriter(EngineSpec engine, SshConnector ssh, LiveLabels live, Duration verifyTimeout,
                             Duration pollInterval, Clock clock) {
        this.engine = engine;
        this.ssh = ssh;
        this.live = live;
        this.convergence = new LabelConvergence(live, verifyTimeout, pollInterval, clock);
        this.reload = new EngineReload(engine.reloadCommand());
        this.rollBack = new RollBack(ssh, engine, reload);
        this.clock = clock;
        this.host = engine.displayName();
    }

    @Override
    public void write(String key, String value) throws LabelChangeException {
        DaemonJson.checkKey(key);
        SshTarget target = engine.ssh();
        if (target == null) {
            throw new LabelChangeException(host + ": no SSH access is configured, so its daemon.json cannot be changed"
                    + " (give the engine an ssh: entry in pools.yaml)");
        }
        try (SshSession session = open(target)) {
            change(session, key, value);
        }
    }

    private SshSession open(SshTarget target) throws LabelChangeException {
        try {
            return ssh.open(target);
        } catch (SshException e) {
            // The cause stays the original exception: the UI needs the UnknownHostKeyException's key.
            throw new LabelChangeException(host + ": " + e.getMessage() + "; nothing was changed", e);
        }
    }

    private void change(SshSession session, String key, String value) throws LabelChangeException {
        DaemonJsonFile file = new DaemonJsonFile(session, host, engine.daemonJson());
        Snapshot before = read(file);
        String text = decode(before, file.path());
        DaemonJson json = DaemonJson.parse(text, host, file.path());
        Map<String, String> now = liveLabelsBefore();
        refuseLabelFromElsewhere(json, now, key, file.path());
        String next = json.withLabel(key, value);
        if (next.equals(text)) {
            alreadyInFile(session, key, value, now, file.path());
            return;
        }
        byte[] content = next.getBytes(StandardCharsets.UTF_8);
        String stamp = STAMP.format(clock.instant());
        String backup = file.backupPath(stamp);
        try {
            backup = file.replace(before, content, stamp);
        } catch (ChangedMeanwhileException e) {
            throw new LabelChangeException(host + ": " + file.path() + " was not written: " + e.getMessage()
                    + "; nothing was changed, try again");
        } catch (SshException e) {
            // The connection broke mid-script: the rename may or may not have happened.
            throw rollBack.after("writing " + file.path() + " failed: " + e.getMessage(), session,
                    new RollBack.Change(before, content, stamp, backup));
        }
        String failure = applyAndVerify(session, key, value);
        if (failure != null) {
            throw rollBack.after(failure, session, new RollBack.Change(before, content, stamp, backup));
        }
        pruneBackups(file);
    }

    private Snapshot read(DaemonJsonFile file) throws LabelChangeException {
        try {
            return file.read();
        } catch (SshException e) {
            throw new LabelChangeException(host + ": " + e.getMessage() + "; nothing was changed", e);
        }
    }

    private String decode(Snapshot file, String path) throws LabelChangeException {
        try {
            return file.text();
        } catch (CharacterCodingException e) {
            throw new LabelChangeException(host + ": " + path + " is not UTF-8 text; fix the file first,"
                    + " Envboard changes nothing in a file it cannot read");
        }
    }

    private Map<String, String> liveLabelsBefore() throws LabelChangeException {
        try {
            return live.read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabelChangeException(host + ": interrupted; nothing was changed", e);
        } catch (Exception e) {
            // Without the engine's view the change could be neither checked nor verified.
            throw new LabelChangeException(host + ": cannot read the engine's current labels ("
                    + DockerErrors.describe(e) + "); nothing was changed", e);
        }
    }

    private void refuseLabelFromElsewhere(DaemonJson json, Map<String, String> now, String key, String path)
            throws LabelChangeException {
        if (now.containsKey(key) && json.valuesOf(key).isEmpty()) {
            throw new LabelChangeException(host + ": the engine has " + key + "=" + now.get(key) + ", but " + path
                    + " has no " + key + " label: it comes from somewhere else (a --label flag on dockerd's command line?)"
                    + " or the file was edited without a reload; change it there. Nothing was changed");
        }
    }

    /** The file already says what we want: only the engine may still need a reload to show it. */
    private void alreadyInFile(SshSession session, String key, String value, Map<String, String> now, String path)
            throws LabelChangeException {
        if (Objects.equals(now.get(key), value)) {
            return;
        }
        String failure = applyAndVerify(session, key, value);
        if (failure != null) {
            throw new LabelChangeException(host + ": " + path + " already has " + label(key, value) + ", but " + failure
                    + "; the file was not changed");
        }
    }

    /** Reloads the engine and waits for the label: null when it shows, else what went wrong. */
    private String applyAndVerify(SshSession session, String key, String value) {
        String reloadProblem = reload.run(session);
        if (reloadProblem != null) {
            return reloadProblem;
        }
        LabelConvergence.Outcome outcome;
        try {
            outcome = convergence.await(key, value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the engine to show " + label(key, value);
        }
        if (outcome.reached()) {
            return null;
        }
        String shows = outcome.lastSeen() == null ? "its labels could not be read: " + outcome.lastError()
                : "it shows " + label(key, outcome.lastSeen().get(key));
        return "the engine did not show " + label(key, value) + " within " + seconds(convergence.timeout())
                + " after `" + reload.command() + "` (" + shows + ")";
    }

    private void pruneBackups(DaemonJsonFile file) {
        try {
            file.pruneBackups(BACKUPS_KEPT);
        } catch (SshException e) {
            // The label change itself worked; a few extra backups are no reason to report a failure.
            LOG.log(Level.WARNING, host + ": " + e.getMessage(), e);
        }
    }

    private static String label(String key, String value) {
        return value == null ? "no " + key + " label" : key + "=" + value;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
