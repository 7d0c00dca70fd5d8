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

    DeployListener NONE = new DeployListener() {
    };
}
