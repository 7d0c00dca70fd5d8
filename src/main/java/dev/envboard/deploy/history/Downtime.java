package dev.envboard.deploy.history;

import java.time.Duration;
import java.time.Instant;

/**
 * The time an environment served nothing whole: from the first old container stopped to every new
 * replica running (and healthy where it has a healthcheck). Unknown (null) when nothing old was
 * stopped or the new deployment never became whole.
 */
public final class Downtime {
    private Downtime() {
    }

    public static Long millis(Instant firstOldStopped, Instant allNewReady) {
        if (firstOldStopped == null || allNewReady == null) {
            return null;
        }
        if (allNewReady.isBefore(firstOldStopped)) {
            throw new IllegalArgumentException("ready at " + allNewReady + " before the first stop at " + firstOldStopped);
        }
        return Duration.between(firstOldStopped, allNewReady).toMillis();
    }

    /** For people: {@code 2.4 s}, or {@code unknown}. */
    public static String describe(Long millis) {
        return millis == null ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
