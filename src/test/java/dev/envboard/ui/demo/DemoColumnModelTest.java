package dev.envboard.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a demo's column says: countdown, expired, kept, launching, failed and stuck, and which actions it offers. */
class DemoColumnModelTest {
    private final MovingClock clock = new MovingClock(DemoFixture.START);
    private final FakeDemos demos = new FakeDemos(clock);

    private DemoColumnModel column(Demo demo) {
        return DemoColumnModel.of(demo, demos.expiry(), false);
    }

    @Test
    void theCountdownShowsTheTwoLargestUnitsLeftAndTheTooltipWhenItExpires() {
        Demo demo = demos.add("lab", "Acme", Duration.ofDays(3));
        clock.advance(Duration.ofHours(26).plusMinutes(30));
        DemoColumnModel column = column(demo);
        assertThat(column.countdown()).isEqualTo("1d 21h left");
        assertThat(column.expiresText()).startsWith("Expires ").contains("extensions up to ");
        assertThat(column.who()).isEqualTo("by alice for Acme");
        assertThat(column.hosts()).containsExactly("alpha");
        assertThat(column.canExtend()).isTrue();
        assertThat(column.canTearDown()).isTrue();
        assertThat(column.canCleanUp()).isFalse();
        assertThat(column.stateText()).isEmpty();
        clock.advance(Duration.ofDays(2).minusHours(4));
        assertThat(column(demo).countdown()).isEqualTo("1h 30m left");
    }

    @Test
    void expiredIsItsOwnStatusWithHowLongAgoAndStaysExtendableAndOffersTheTeardown() {
        Demo demo = demos.add("lab", "Acme", Duration.ofDays(1));
        clock.advance(Duration.ofDays(3));
        DemoColumnModel column = column(demo);
        assertThat(column.status()).isEqualTo(DemoColumnModel.Status.EXPIRED);
        assertThat(column.status().styleClass()).isEqualTo("demo-expired");
        assertThat(column.countdown()).isEqualTo("expired 2d 0h ago");
        assertThat(column.expiresText()).startsWith("Expired ");
        assertThat(column.canTearDown()).isTrue();
        assertThat(column.canExtend()).isTrue();
        assertThat(column(demo.withKeep(true)).status()).as("kept: never expired").isEqualTo(DemoColumnModel.Status.RUNNING);
        assertThat(column(demo.withKeep(true)).countdown()).isEqualTo("kept: no expiry");
    }

    @Test
    void aStuckDemoSaysExactlyWhatIsLeftAndOffersOnlyCleanUp() {
        Demo demo = demos.add("lab", "Acme", Duration.ofDays(1)).withState(DemoState.STUCK,
                List.of("container demo-acme_shop_1 on alpha (the engine does not answer)", "label environment=demo-acme on alpha"),
                "the teardown could not remove everything");
        DemoColumnModel column = column(demo);
        assertThat(column.stuck()).isTrue();
        assertThat(column.stateText()).isEqualTo("stuck: 2 things are left");
        assertThat(column.detail()).isEqualTo("Left after the teardown:\n"
                + "  container demo-acme_shop_1 on alpha (the engine does not answer)\n"
                + "  label environment=demo-acme on alpha\n"
                + "the teardown could not remove everything");
        assertThat(column.canCleanUp()).isTrue();
        assertThat(column.canTearDown()).isFalse();
        assertThat(column.canExtend()).isFalse();
    }

    @Test
    void aFailedLaunchSaysWhyAndATeardownIsOfferedWhileNothingIsOfferedDuringAnActionOfThisWindow() {
        Demo failed = demos.add("lab", "Acme", Duration.ofDays(1)).withState(DemoState.FAILED, List.of(),
                "web did not become healthy");
        assertThat(column(failed).stateText()).isEqualTo("launch failed: web did not become healthy");
        assertThat(column(failed).canTearDown()).isTrue();
        assertThat(column(failed).canExtend()).isFalse();
        DemoColumnModel busy = DemoColumnModel.of(demos.add("lab", "Globex", Duration.ofDays(1)), demos.expiry(), true);
        assertThat(busy.canTearDown()).isFalse();
        assertThat(busy.canExtend()).isFalse();
        assertThat(column(failed.withState(DemoState.TEARING_DOWN, List.of(), null)).stateText()).isEqualTo("tearing down…");
    }
}
