package dev.envboard.deploy;

import java.time.Duration;

/** Does something once, when a given step of a redeploy starts: stop an engine, cancel... */
final class StepListener implements DeployListener {
    private final DeployStep step;
    private final Runnable action;
    private boolean done;

    StepListener(DeployStep step, Runnable action) {
        this.step = step;
        this.action = action;
    }

    @Override
    public void stepStarted(DeployStep started) {
        if (started == step && !done) {
            done = true;
            action.run();
        }
    }

    @Override
    public void stepFinished(DeployStep finished, Duration took, boolean ok) {
    }

    @Override
    public void service(ServiceProgress progress) {
    }

    @Override
    public void message(String text) {
    }
}
