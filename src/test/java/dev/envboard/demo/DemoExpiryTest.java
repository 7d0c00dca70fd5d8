package dev.envboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.demo.DemoExpiry.Threshold;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expiry by an injected clock: time left, expired, and the notification thresholds crossed. */
class DemoExpiryTest {
    private static final Instant CREATED = Instant.parse("2024-05-01T09:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofDays(3));

    private static Demo demo(Instant expires, boolean keep) {
        return new Demo("lab", "demo-acme", "alice", "Acme", "webshop", CREATED, expires, CREATED.plus(Duration.ofDays(14)), keep,
                List.of(), Map.of(), List.of(), DemoState.RUNNING, List.of(), null);
    }

    private static DemoExpiry at(Instant now) {
        return new DemoExpiry(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void timeLeftAndExpiredFollowTheClock() {
        Demo demo = demo(EXPIRES, false);
        assertThat(at(EXPIRES.minusSeconds(3600)).timeLeft(demo)).isEqualTo(Duration.ofHours(1));
        assertThat(at(EXPIRES.minusSeconds(1)).isExpired(demo)).isFalse();
        assertThat(at(EXPIRES).isExpired(demo)).isTrue();
        assertThat(at(EXPIRES.plusSeconds(3 * 3600)).describe(demo)).isEqualTo("expired 3h 0m ago");
        assertThat(at(EXPIRES.minus(Duration.ofHours(51))).describe(demo)).isEqualTo("2d 3h");
    }

    @Test
    void aKeptDemoNeverExpiresNorNotifies() {
        Demo kept = demo(EXPIRES, true);
        DemoExpiry later = at(EXPIRES.plus(Duration.ofDays(30)));
        assertThat(later.isExpired(kept)).isFalse();
        assertThat(later.crossedSince(kept, CREATED)).isEmpty();
        assertThat(later.describe(kept)).isEqualTo("kept");
    }

    @Test
    void eachThresholdIsCrossedOnceBetweenChecks() {
        Demo demo = demo(EXPIRES, false);
        Instant dayBefore = EXPIRES.minus(Duration.ofHours(24));
        assertThat(at(dayBefore.minusSeconds(1)).crossedSince(demo, CREATED)).isEmpty();
        assertThat(at(dayBefore).crossedSince(demo, dayBefore.minusSeconds(30))).containsExactly(Threshold.DAY);
        assertThat(at(dayBefore.plusSeconds(30)).crossedSince(demo, dayBefore)).as("already told at the last check").isEmpty();
        Instant hourBefore = EXPIRES.minus(Duration.ofHours(1));
        assertThat(at(hourBefore.plusSeconds(10)).crossedSince(demo, hourBefore.minusSeconds(20))).containsExactly(Threshold.HOUR);
        Instant tenBefore = EXPIRES.minus(Duration.ofMinutes(10));
        assertThat(at(tenBefore).crossedSince(demo, tenBefore.minusSeconds(1))).containsExactly(Threshold.TEN_MINUTES);
        assertThat(at(EXPIRES.plusSeconds(5)).crossedSince(demo, EXPIRES.minusSeconds(5))).containsExactly(Threshold.EXPIRED);
    }

    @Test
    void afterALongGapEveryCrossedThresholdIsListedAndTheMostUrgentIsPicked() {
        Demo demo = demo(EXPIRES, false);
        DemoExpiry late = at(EXPIRES.minus(Duration.ofMinutes(5)));
        assertThat(late.crossedSince(demo, CREATED)).containsExactly(Threshold.DAY, Threshold.HOUR, Threshold.TEN_MINUTES);
        assertThat(late.mostUrgentCrossedSince(demo, CREATED)).contains(Threshold.TEN_MINUTES);
    }

    @Test
    void anExtensionMovesTheThresholdsSoTheyAreCrossedAgainLater() {
        Instant hourBefore = EXPIRES.minus(Duration.ofHours(1));
        Demo extended = demo(EXPIRES.plus(Duration.ofDays(1)), false);
        assertThat(at(hourBefore.plusSeconds(10)).crossedSince(extended, hourBefore.minusSeconds(20)))
                .as("the old moment means nothing now").isEmpty();
        Instant newHourBefore = extended.expires().minus(Duration.ofHours(1));
        assertThat(at(newHourBefore).crossedSince(extended, newHourBefore.minusSeconds(20))).containsExactly(Threshold.HOUR);
    }
}
