package dev.envboard.ui.deploys;

import java.time.Instant;

/** What an environment column says about deploys: running now, or how the last one ended and when. */
public record DeployBadge(State state, Instant at, String detail) {
    public enum State { NONE, RUNNING, SUCCEEDED, FAILED, CANCELLED, REFUSED }

    public static final DeployBadge NONE = new DeployBadge(State.NONE, null, null);
}
