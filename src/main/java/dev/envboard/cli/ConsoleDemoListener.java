package dev.envboard.cli;

import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.PullProgress;
import dev.envboard.deploy.ServiceProgress;
import dev.envboard.demo.DemoListener;
import dev.envboard.demo.DemoPhase;
import java.io.PrintWriter;
import java.time.Duration;

/** A launch's or teardown's progress on stderr: its phases, and the deploy's own steps within. */
final class ConsoleDemoListener implements DemoListener {
    private final ConsoleDeployListener deploy;

    ConsoleDemoListener(PrintWriter err) {
        this.deploy = new ConsoleDeployListener(err);
    }

    @Override
    public void phase(DemoPhase phase) {
        deploy.line("== " + phase.label());
    }

    @Override
    public void stepStarted(DeployStep step) {
        deploy.stepStarted(step);
    }

    @Override
    public void stepFinished(DeployStep step, Duration took, boolean ok) {
        deploy.stepFinished(step, took, ok);
    }

    @Override
    public void service(ServiceProgress progress) {
        deploy.service(progress);
    }

    @Override
    public void message(String text) {
        deploy.message(text);
    }

    @Override
    public void pull(PullProgress progress) {
        deploy.pull(progress);
    }
}
