package dev.envboard.ui.deploys;

import dev.envboard.deploy.DeployStep;

/** One step of a run as shown: waiting, running, done or failed, and how long it took. */
public record StepRow(DeployStep step, Status status, long millis) {
    public enum Status { WAITING, RUNNING, DONE, FAILED }
}
