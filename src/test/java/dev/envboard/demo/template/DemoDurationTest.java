package dev.envboard.demo.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoDurationTest {
    @Test
    void readsDaysHoursMinutesWeeksAndTheirSums() {
        assertThat(DemoDuration.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(DemoDuration.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(DemoDuration.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DemoDuration.parse("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(DemoDuration.parse(" 1d12h ")).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void refusesAnythingElseSayingHowToWriteIt() {
        for (String bad : new String[] {"", "3", "3 days", "1.5d", "-1d", "d", "3s", "0d"}) {
            assertThatThrownBy(() -> DemoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3d");
        }
    }

    @Test
    void formatsWhatParseReadsBack() {
        assertThat(DemoDuration.format(Duration.ofHours(36))).isEqualTo("1d12h");
        assertThat(DemoDuration.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(DemoDuration.format(Duration.ofMinutes(61))).isEqualTo("1h1m");
        assertThat(DemoDuration.parse(DemoDuration.format(Duration.ofMinutes(3001)))).isEqualTo(Duration.ofMinutes(3001));
    }

    @Test
    void countdownShowsTheTwoLargestUnits() {
        assertThat(DemoDuration.countdown(Duration.ofHours(51).plusMinutes(5))).isEqualTo("2d 3h");
        assertThat(DemoDuration.countdown(Duration.ofMinutes(312))).isEqualTo("5h 12m");
        assertThat(DemoDuration.countdown(Duration.ofSeconds(599))).isEqualTo("9m");
        assertThat(DemoDuration.countdown(Duration.ofSeconds(40))).isEqualTo("40s");
        assertThat(DemoDuration.countdown(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}
