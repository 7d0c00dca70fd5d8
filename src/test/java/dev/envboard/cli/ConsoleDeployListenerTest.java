package dev.envboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.PullProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Pull progress on stderr: at most one line per host and image a second, and always each pull's last line. */
class ConsoleDeployListenerTest {
    private static final String IMAGE = "10.254.77.1:5443/envboard/demo@sha256:" + "ab".repeat(32);

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static PullProgress progress(String host, long done, boolean finished) {
        return new PullProgress(host, IMAGE, finished ? 1 : 0, 1, done, 2_000_000, finished, null);
    }

    @Test
    void pullLinesAreThrottledPerHostAndTheLastLineIsAlwaysPrinted() {
        StringWriter text = new StringWriter();
        HandClock clock = new HandClock();
        ConsoleDeployListener listener = new ConsoleDeployListener(new PrintWriter(text), clock);

        for (int i = 1; i <= 20; i++) { // one burst within the same instant, from two hosts
            listener.pull(progress("envboard-host-1", i * 10_000L, false));
            listener.pull(progress("envboard-host-2", i * 10_000L, false));
        }
        clock.now = clock.now.plus(Duration.ofMillis(999));
        listener.pull(progress("envboard-host-1", 500_000, false)); // still within the second: dropped
        clock.now = clock.now.plus(Duration.ofMillis(1));
        listener.pull(progress("envboard-host-1", 1_000_000, false)); // a second later: printed
        listener.pull(progress("envboard-host-1", 2_000_000, true)); // the last line: printed at once

        assertThat(text.toString().lines().toList()).containsExactly(
                "[  0.0s]   envboard-host-1: pulling " + IMAGE + " (0/1 layers, 0.0/2.0 MB)",
                "[  0.0s]   envboard-host-2: pulling " + IMAGE + " (0/1 layers, 0.0/2.0 MB)",
                "[  1.0s]   envboard-host-1: pulling " + IMAGE + " (0/1 layers, 1.0/2.0 MB)",
                "[  1.0s]   envboard-host-1: pulled " + IMAGE + " (1/1 layers, 2.0/2.0 MB)");
    }
}
