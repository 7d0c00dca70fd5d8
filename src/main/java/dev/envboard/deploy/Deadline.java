package dev.envboard.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A point in time a wait must not pass; waits poll until then, never forever. */
record Deadline(Clock clock, Instant at) {
    static Deadline in(Clock clock, Duration duration) {
        return new Deadline(clock, clock.instant().plus(duration));
    }

    boolean passed() {
        return clock.instant().isAfter(at);
    }
}
