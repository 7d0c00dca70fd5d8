package dev.envboard.deploy.watch;

import java.time.Instant;
import java.util.Locale;

/**
 * A deploy started or ended, as a pool's feed saw it.
 *
 * @param at when it happened: the start for STARTED, the end otherwise
 */
public record DeployEvent(Kind kind, DeployEntry entry, Instant at) {

    public enum Kind {
        STARTED, SUCCEEDED, FAILED, CANCELLED, REFUSED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The end event of an entry that ended; null for one that did not (running, unfinished). */
        static Kind endOf(DeployEntry.Status status) {
            return switch (status) {
                case SUCCEEDED -> SUCCEEDED;
                case FAILED -> FAILED;
                case CANCELLED -> CANCELLED;
                case REFUSED -> REFUSED;
                case RUNNING, UNFINISHED -> null;
            };
        }
    }

    static DeployEvent started(DeployEntry entry) {
        return new DeployEvent(Kind.STARTED, entry, entry.startedAt());
    }

    static DeployEvent ended(Kind kind, DeployEntry entry) {
        return new DeployEvent(kind, entry, entry.record().finishedAt() != null ? entry.record().finishedAt() : entry.startedAt());
    }

    public String pool() {
        return entry.pool();
    }

    public String environment() {
        return entry.environment();
    }

    public String deployId() {
        return entry.id();
    }
}
