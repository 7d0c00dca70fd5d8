package dev.envboard.cli;

import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.ServiceProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** A redeploy's progress on a terminal (stderr): steps with timings, services as they come up. */
final class ConsoleDeployListener implements DeployListener {
    private final PrintWriter out;
    private final Instant start = Instant.now();

    ConsoleDeployListener(PrintWriter out) {
        this.out = out;
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
    public void message(String text) {
        line("  " + text);
    }

    private void line(String text) {
        long seconds = Duration.between(start, Instant.now()).toMillis();
        out.printf("[%5.1fs] %s%n", seconds / 1000.0, text);
        out.flush();
    }
}
