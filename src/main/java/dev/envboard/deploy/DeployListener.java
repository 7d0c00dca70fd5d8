package dev.envboard.deploy;

import java.time.Duration;

/** Live progress of a redeploy; called on the deploying thread, so listeners must not block. */
public interface DeployListener {
    default void stepStarted(DeployStep step) {
    }

    default void stepFinished(DeployStep step, Duration took, boolean ok) {
    }

    default void service(ServiceProgress progress) {
    }

    default void message(String text) {
    }

    /** Pre-pull progress of one image on one host; called often (every engine report), from pull threads. */
    default void pull(PullProgress progress) {
    }

    DeployListener NONE = new DeployListener() {
    };
}
