package dev.envboard.demo;

import dev.envboard.deploy.DeployListener;

/**
 * Live progress of a launch or a teardown: its phases, and within DEPLOY the redeploy's own steps,
 * pulls and services. Called on the working thread (and pull threads): must not block.
 */
public interface DemoListener extends DeployListener {
    default void phase(DemoPhase phase) {
    }

    DemoListener NONE = new DemoListener() {
    };
}
