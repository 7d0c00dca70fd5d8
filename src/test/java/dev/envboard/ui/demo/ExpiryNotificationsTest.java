package dev.envboard.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoExpiry.Threshold;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expiry notifications as the clock moves: 24 h, 1 h and 10 min before, each once per demo and
 * threshold whatever the number of reads in between; an extension arms them again; kept and
 * expired demos are not notified; after a long gap only the most urgent.
 */
class ExpiryNotificationsTest {
    private final MovingClock clock = new MovingClock(DemoFixture.START);
    private final FakeDemos demos = new FakeDemos(clock);
    private final ExpiryNotifications notifications = new ExpiryNotifications(demos.expiry());

    private List<Threshold> due() {
        return notifications.due(demos.pools.values().stream().flatMap(m -> m.values().stream()).toList()).stream()
                .map(ExpiryNotifications.Notice::threshold).toList();
    }

    /** Moves the clock to {@code before} the demo's expiry. */
    private void at(Demo demo, Duration before) {
        clock.set(demos.get(demo.pool(), demo.environment()).expires().minus(before));
    }

    @Test
    void eachThresholdIsToldOnceAsTheClockPassesItHoweverOftenTheDemosAreChecked() {
        Demo demo = demos.add("lab", "Acme", Duration.ofDays(3));
        assertThat(due()).isEmpty();
        at(demo, Duration.ofHours(24).plusSeconds(1));
        assertThat(due()).isEmpty();
        at(demo, Duration.ofHours(24));
        assertThat(due()).containsExactly(Threshold.DAY);
        assertThat(due()).as("checked again, a second later").isEmpty();
        at(demo, Duration.ofHours(2));
        assertThat(due()).isEmpty();
        at(demo, Duration.ofMinutes(59));
        assertThat(due()).containsExactly(Threshold.HOUR);
        at(demo, Duration.ofMinutes(10));
        assertThat(due()).containsExactly(Threshold.TEN_MINUTES);
        at(demo, Duration.ofMinutes(9));
        assertThat(due()).isEmpty();
        at(demo, Duration.ofMinutes(-30));
        assertThat(due()).as("expired: highlighted on the board, not notified").isEmpty();
    }

    @Test
    void theNoticeSaysWhichDemoForWhomAndHowLongIsLeft() {
        Demo demo = demos.add("lab", "Acme", Duration.ofDays(3));
        at(demo, Duration.ofMinutes(7));
        List<ExpiryNotifications.Notice> due = notifications.due(List.of(demo));
        assertThat(due).singleElement().satisfies(notice -> {
            assertThat(notice.title()).isEqualTo("Demo demo-acme expires in 10 min");
            assertThat(notice.text()).isEqualTo("demo-acme for Acme (by alice, pool lab)\n"
                    + "expires in 7m: extend it, keep it, or tear it down.");
            assertThat(notice.pool()).isEqualTo("lab");
            assertThat(notice.environment()).isEqualTo("demo-acme");
        });
    }

    @Test
    void afterALongGapOnlyTheMostUrgentIsToldAndNoneThatLayBeforeTheDemoExisted() {
        Demo longer = demos.add("lab", "Acme", Duration.ofDays(3));
        Demo shorter = demos.add("lab", "Globex", Duration.ofMinutes(30));
        assertThat(due()).as("a 30 min demo is not 'expiring in 1 h' at its launch").isEmpty();
        at(longer, Duration.ofMinutes(5));
        assertThat(notifications.due(List.of(longer))).extracting(ExpiryNotifications.Notice::threshold)
                .containsExactly(Threshold.TEN_MINUTES);
        clock.set(shorter.expires().minus(Duration.ofMinutes(10)));
        assertThat(notifications.due(List.of(shorter))).extracting(ExpiryNotifications.Notice::threshold)
                .containsExactly(Threshold.TEN_MINUTES);
    }

    @Test
    void anExtensionArmsTheThresholdsAgainAndAKeptDemoIsNeverTold() throws Exception {
        Demo demo = demos.add("lab", "Acme", Duration.ofDays(1));
        at(demo, Duration.ofMinutes(50));
        assertThat(due()).containsExactly(Threshold.HOUR);
        demos.extend(dev.envboard.ui.shell.TestPools.lab(), "demo-acme", Duration.ofHours(2));
        assertThat(due()).as("2 h 50 min left now").isEmpty();
        at(demo, Duration.ofMinutes(59));
        assertThat(due()).containsExactly(Threshold.HOUR);

        Demo kept = demos.add("lab", "Globex", Duration.ofDays(2));
        demos.keep(dev.envboard.ui.shell.TestPools.lab(), kept.environment(), true);
        clock.set(kept.expires().minus(Duration.ofMinutes(5)));
        assertThat(notifications.due(List.of(demos.get("lab", "demo-globex")))).isEmpty();
    }
}
