package dev.envboard.deploy.watch;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One deploy of an environment as the Deploys view and {@code envboard deploys} show it: from the
 * pool (any Envboard's or CI's run, in progress or ended), from this machine's history, or both.
 *
 * @param record what is known of it, as a deploy record; a run in progress has no end, result or
 *               previous versions yet, and a run read from the pool has no steps
 * @param pool   the pool it was read from (this machine's name for it)
 */
public record DeployEntry(DeployRecord record, String pool, Status status, Origin origin) {

    /** How it stands. UNFINISHED: the pool says it runs, but it started too long ago (its end was never written). */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED, CANCELLED, REFUSED, UNFINISHED;

        public String label() {
            return this == RUNNING ? "in progress" : name().toLowerCase(Locale.ROOT);
        }

        public boolean ended() {
            return this != RUNNING && this != UNFINISHED;
        }

        static Status ofResult(String result) {
            if (result == null) {
                return FAILED;
            }
            return switch (result) {
                case DeployRecord.SUCCEEDED -> SUCCEEDED;
                case DeployRecord.CANCELLED -> CANCELLED;
                case DeployRecord.REFUSED -> REFUSED;
                default -> FAILED;
            };
        }
    }

    /** Where it was read: only this machine's history, only the pool, or both (a run of this machine). */
    public enum Origin { HERE, POOL, BOTH }

    public String id() {
        return record.id();
    }

    public String environment() {
        return record.environment();
    }

    public String who() {
        return record.user();
    }

    public Instant startedAt() {
        return record.startedAt();
    }

    public boolean inProgress() {
        return status == Status.RUNNING;
    }

    /** Time taken, or null while it runs. */
    public Long durationMillis() {
        return record.finishedAt() == null ? null : record.durationMillis();
    }

    /**
     * Per service whose digest changed: {@code web: sha256:ab12… → sha256:cd34…} ("not running"
     * before when nothing ran, and the tag when a service was not resolved). Services that run the
     * same digest as before are left out; see {@link #unchangedCount()}.
     */
    public List<String> changes() {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, ServiceVersion> e : record.versions().entrySet()) {
            ServiceVersion v = e.getValue();
            if (v.unchanged()) {
                continue;
            }
            String before = v.previousDigest() != null ? ServiceVersion.shortDigest(v.previousDigest())
                    : v.previousImage() != null ? v.previousImage() : status.ended() ? "not running" : "?";
            String after = v.digest() != null ? ServiceVersion.shortDigest(v.digest()) : v.image();
            changes.add(e.getKey() + ": " + before + " → " + after);
        }
        return changes;
    }

    public long unchangedCount() {
        return record.versions().values().stream().filter(ServiceVersion::unchanged).count();
    }

    /** One line for a table cell: the changes, or that nothing changed, or nothing known. */
    public String changesSummary() {
        List<String> changes = changes();
        if (record.versions().isEmpty()) {
            return "";
        }
        if (changes.isEmpty()) {
            return "unchanged (" + record.versions().size() + (record.versions().size() == 1 ? " service)" : " services)");
        }
        long same = unchangedCount();
        return String.join("; ", changes) + (same > 0 ? "; " + same + " unchanged" : "");
    }

    DeployEntry withOrigin(Origin next) {
        return new DeployEntry(record, pool, status, next);
    }
}
