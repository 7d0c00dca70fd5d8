package dev.envboard.cli;

import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.PullProgress;
import dev.envboard.deploy.ServiceProgress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A redeploy's progress on a terminal (stderr): steps with timings, services as they come up, and
 * pulls at most one line per host and image a second, plus each pull's last line.
 */
final class ConsoleDeployListener implements DeployListener {
    static final Duration PULL_LINE_EVERY = Duration.ofSeconds(1);

    private final PrintWriter out;
    private final Clock clock;
    private final Instant start;
    private final Map<String, Instant> lastPullLine = new HashMap<>();

    ConsoleDeployListener(PrintWriter out) {
        this(out, Clock.systemUTC());
    }

    ConsoleDeployListener(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public void stepStarted(DeployStep step) {
        line("▶ " + step.title());
    }

    @Override
    public void stepFinished(DeployStep step, Duration took, boolean ok) {
        line((ok ? "✔ " : "✘ ") + step.title() + " (" + took.toMillis() + " ms)");
    }

    @Override
    public void service(ServiceProgress p) {
        line("  " + p.service() + ": " + p.healthy() + "/" + p.desired() + " ready" + (p.perHost().isEmpty() ? "" : " on " + p.perHost())
                + (p.problem() == null ? "" : " — " + p.problem()));
    }

    @Override
    public void pull(PullProgress progress) {
        String key = progress.host() + " " + progress.image();
        Instant now = clock.instant();
        synchronized (lastPullLine) { // pulls report from one thread per host
            Instant last = lastPullLine.get(key);
            if (!progress.finished() && last != null && Duration.between(last, now).compareTo(PULL_LINE_EVERY) < 0) {
                return;
            }
            lastPullLine.put(key, now);
            line("  " + progress.describe());
        }
    }

    @Override
    public void message(String text) {
        line("  " + text);
    }

    synchronized void line(String text) {
        long seconds = Duration.between(start, clock.instant()).toMillis();
        out.printf("[%5.1fs] %s%n", seconds / 1000.0, text);
        out.flush();
    }
}
