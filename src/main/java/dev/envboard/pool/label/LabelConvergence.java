package dev.envboard.pool.label;

import dev.envboard.docker.DockerErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Polls an engine's live labels until one key shows the wanted value, or time is up. */
final class LabelConvergence {
    /** What the engine showed last; {@code reached} tells whether it was the wanted value. */
    record Outcome(boolean reached, Map<String, String> lastSeen, String lastError) {
    }

    private final LiveLabels live;
    private final Duration timeout;
    private final Duration pollInterval;
    private final Clock clock;

    LabelConvergence(LiveLabels live, Duration timeout, Duration pollInterval, Clock clock) {
        this.live = live;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** @param expected the value, or null for "the key is absent" */
    Outcome await(String key, String expected) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Map<String, String> lastSeen = null;
        String lastError = null;
        while (true) {
            try {
                lastSeen = live.read();
                lastError = null;
                if (Objects.equals(lastSeen.get(key), expected)) {
                    return new Outcome(true, lastSeen, null);
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // The engine may be busy applying the reload: keep asking until the deadline.
                lastError = DockerErrors.describe(e);
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Outcome(false, lastSeen, lastError);
            }
            Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left.toMillis())));
        }
    }

    Duration timeout() {
        return timeout;
    }
}
