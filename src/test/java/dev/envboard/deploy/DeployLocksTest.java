package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLocksTest {
    @TempDir
    Path state;

    @Test
    void aSecondRedeployOfTheSameEnvironmentIsRefusedWithTheReason() throws Exception {
        DeployLocks locks = new DeployLocks(state);
        try (DeployLocks.Held first = locks.acquire("lab", "qa", "ann", Instant.parse("2026-01-01T10:00:00Z"))) {
            assertThat(locks.isRunning("lab", "qa")).isTrue();
            assertThatThrownBy(() -> locks.acquire("lab", "qa", "bob", Instant.now()))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("qa is already being redeployed").hasMessageContaining("ann");
            locks.acquire("lab", "demo", "bob", Instant.now()).close(); // other environments are free
        }
        assertThat(locks.isRunning("lab", "qa")).isFalse();
        locks.acquire("lab", "qa", "bob", Instant.now()).close();
    }

    @Test
    void anotherEnvboardOnTheMachineIsSeenThroughTheLockFile() throws Exception {
        DeployLocks window = new DeployLocks(state);
        DeployLocks ciJob = new DeployLocks(state); // another process: its own in-memory view, the same file
        try (DeployLocks.Held held = window.acquire("lab", "qa", "ann", Instant.now())) {
            assertThatThrownBy(() -> ciJob.acquire("lab", "qa", "ci", Instant.now()))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("another Envboard on this machine");
        }
        ciJob.acquire("lab", "qa", "ci", Instant.now()).close();
    }
}
