package dev.envboard.deploy;

import java.time.Duration;

/** Live progress of a redeploy; called on the deploying thread, so listeners must not block. */
public interface DeployListener {
    void stepStarted(DeployStep step);

    void stepFinished(DeployStep step, Duration took, boolean ok);

    void service(ServiceProgress progress);

    void message(String text);

    DeployListener NONE = new DeployListener() {
        @Override
        public void stepStarted(DeployStep step) {
        }

        @Override
        public void stepFinished(DeployStep step, Duration took, boolean ok) {
        }

        @Override
        public void service(ServiceProgress progress) {
        }

        @Override
        public void message(String text) {
        }
    };
}
