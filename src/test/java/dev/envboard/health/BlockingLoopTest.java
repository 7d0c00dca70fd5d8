package dev.envboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlockingLoopTest {
    @Test
    void indexFollowsConsulsResetRules() {
        assertThat(BlockingLoop.nextIndex(0, 42)).isEqualTo(42);
        assertThat(BlockingLoop.nextIndex(42, 42)).isEqualTo(42);
        assertThat(BlockingLoop.nextIndex(42, 57)).isEqualTo(57);
        assertThat(BlockingLoop.nextIndex(42, 7)).as("went backwards").isZero();
        assertThat(BlockingLoop.nextIndex(42, 0)).as("no index").isZero();
        assertThat(BlockingLoop.nextIndex(42, -3)).isZero();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        BlockingLoop.Pacing pacing = new BlockingLoop.Pacing(Duration.ofMinutes(5), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(pacing.backoff(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacing.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(pacing.backoff(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(pacing.backoff(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(pacing.backoff(1000)).isEqualTo(Duration.ofSeconds(60));
    }
}
