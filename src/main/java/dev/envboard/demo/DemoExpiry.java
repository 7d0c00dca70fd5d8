package dev.envboard.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a demo's expiry means now, by an injected clock: time left, whether it expired, and which
 * notification thresholds were crossed since a given instant. Pure: nothing here removes or
 * changes a demo; an expired demo is only ever offered for teardown.
 */
public final class DemoExpiry {
    /** When users are told before a demo expires, and when it does. */
    public enum Threshold {
        DAY(Duration.ofHours(24), "expires in 24 h"),
        HOUR(Duration.ofHours(1), "expires in 1 h"),
        TEN_MINUTES(Duration.ofMinutes(10), "expires in 10 min"),
        EXPIRED(Duration.ZERO, "expired");

        private final Duration before;
        private final String text;

        Threshold(Duration before, String text) {
            this.before = before;
            this.text = text;
        }

        /** How long before the expiry this threshold lies. */
        public Duration before() {
            return before;
        }

        public String text() {
            return text;
        }
    }

    private final Clock clock;

    public DemoExpiry(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Until it expires; zero or negative once it has (a kept demo too: see {@link #isExpired}). */
    public Duration timeLeft(Demo demo) {
        return Duration.between(clock.instant(), demo.expires());
    }

    /** Past its expiry and not kept. */
    public boolean isExpired(Demo demo) {
        return !demo.keep() && !clock.instant().isBefore(demo.expires());
    }

    /**
     * The thresholds whose moment (expiry minus {@link Threshold#before()}) lies after {@code since}
     * and at or before now, least urgent first: what to notify about when last checked at
     * {@code since}. None for a kept demo. A UI checks every so often with its last check as
     * {@code since}; an extension moves the moments, so they are crossed again later.
     */
    public List<Threshold> crossedSince(Demo demo, Instant since) {
        List<Threshold> crossed = new ArrayList<>();
        if (demo.keep()) {
            return crossed;
        }
        Instant now = clock.instant();
        for (Threshold threshold : Threshold.values()) {
            Instant moment = demo.expires().minus(threshold.before());
            if (moment.isAfter(since) && !moment.isAfter(now)) {
                crossed.add(threshold);
            }
        }
        return crossed;
    }

    /** The most urgent of {@link #crossedSince}: one notification, not three, after a long sleep. */
    public Optional<Threshold> mostUrgentCrossedSince(Demo demo, Instant since) {
        List<Threshold> crossed = crossedSince(demo, since);
        return crossed.isEmpty() ? Optional.empty() : Optional.of(crossed.get(crossed.size() - 1));
    }

    /** "2d 3h", "9m", "expired 3h ago", or "kept" for a demo exempt from expiry. */
    public String describe(Demo demo) {
        if (demo.keep()) {
            return "kept";
        }
        Duration left = timeLeft(demo);
        return left.isNegative() || left.isZero() ? "expired " + dev.envboard.demo.template.DemoDuration.countdown(left.negated()) + " ago"
                : dev.envboard.demo.template.DemoDuration.countdown(left);
    }
}
