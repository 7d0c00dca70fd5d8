package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLocksTest {
    private static final Instant TEN = Instant.parse("2026-01-01T10:00:00Z");
    /** Hang guard for the other process only; nothing is timed. */
    private static final long PATIENCE_S = 60;

    @TempDir
    Path state;
    private final List<Process> others = new ArrayList<>();

    @AfterEach
    void stopTheOtherProcesses() throws InterruptedException {
        for (Process other : others) {
            other.destroyForcibly();
            other.waitFor(PATIENCE_S, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondRedeployOfTheSameEnvironmentIsRefusedWithTheReason() throws Exception {
        DeployLocks locks = new DeployLocks(state);
        try (DeployLocks.Held first = locks.acquire("lab", "qa", "ann", TEN)) {
            assertThat(locks.isRunning("lab", "qa")).isTrue();
            DeployException refused = catchThrowableOfType(DeployException.class, () -> locks.acquire("lab", "qa", "bob", Instant.now()));
            assertThat(refused).hasMessage("qa is already being redeployed (ann since 2026-01-01T10:00:00Z); try again when it ends");
            locks.acquire("lab", "demo", "bob", Instant.now()).close(); // other environments are free
        }
        assertThat(locks.isRunning("lab", "qa")).isFalse();
        locks.acquire("lab", "qa", "bob", Instant.now()).close();
    }

    /** Another Envboard (a CI job's CLI) holds qa: this one is refused, told who holds it, and gets it once that one ends. */
    @Test
    void anotherProcessHoldingTheLockIsNamedAndItsEndFreesTheEnvironment() throws Exception {
        Process ciJob = holder("hold", "qa", "ci");
        assertThat(firstLine(ciJob)).isEqualTo("held");

        DeployLocks window = new DeployLocks(state);
        DeployException refused = catchThrowableOfType(DeployException.class, () -> window.acquire("lab", "qa", "ann", Instant.now()));
        assertThat(refused).hasMessage("qa is already being redeployed by another Envboard on this machine"
                + " (ci since 2026-01-01T10:00:00Z, pid " + ciJob.pid() + ")");
        assertThat(window.isRunning("lab", "qa")).as("a refusal holds nothing").isFalse();
        window.acquire("lab", "demo", "ann", Instant.now()).close();

        ciJob.getOutputStream().close(); // the CI job's redeploy ends
        assertThat(ciJob.waitFor(PATIENCE_S, TimeUnit.SECONDS)).isTrue();
        assertThat(ciJob.exitValue()).isZero();
        try (DeployLocks.Held mine = window.acquire("lab", "qa", "ann", TEN)) {
            assertThat(Files.readString(state.resolve("locks/lab__qa.lock")))
                    .isEqualTo("ann since 2026-01-01T10:00:00Z, pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void theOtherProcessIsRefusedWhileThisOneHoldsTheLockNamingThisOne() throws Exception {
        DeployLocks window = new DeployLocks(state);
        try (DeployLocks.Held held = window.acquire("lab", "qa", "ann", TEN)) {
            Process ciJob = holder("try", "qa", "ci");
            assertThat(firstLine(ciJob)).isEqualTo("qa is already being redeployed by another Envboard on this machine"
                    + " (ann since 2026-01-01T10:00:00Z, pid " + ProcessHandle.current().pid() + ")");
            assertThat(ciJob.waitFor(PATIENCE_S, TimeUnit.SECONDS)).isTrue();
            assertThat(ciJob.exitValue()).isEqualTo(3);
        }
        Process afterwards = holder("try", "qa", "ci");
        assertThat(firstLine(afterwards)).isEqualTo("taken");
    }

    /** Two contexts in one process (the JVM refuses the second lock on the file there) are kept apart too. */
    @Test
    void aSecondContextInThisProcessIsRefusedThroughTheLockFile() throws Exception {
        DeployLocks one = new DeployLocks(state);
        DeployLocks two = new DeployLocks(state);
        try (DeployLocks.Held held = one.acquire("lab", "qa", "ann", TEN)) {
            assertThat(catchThrowableOfType(DeployException.class, () -> two.acquire("lab", "qa", "bob", Instant.now())))
                    .hasMessage("qa is already being redeployed by another Envboard on this machine"
                            + " (ann since 2026-01-01T10:00:00Z, pid " + ProcessHandle.current().pid() + ")");
        }
        two.acquire("lab", "qa", "bob", Instant.now()).close();
    }

    /** A holder that dies without releasing (killed, crashed) leaves nothing locked: the lock ends with the process. */
    @Test
    void aKilledHolderLeavesTheEnvironmentFree() throws Exception {
        Process ciJob = holder("hold", "qa", "ci");
        assertThat(firstLine(ciJob)).isEqualTo("held");
        DeployLocks window = new DeployLocks(state);
        assertThat(catchThrowableOfType(DeployException.class, () -> window.acquire("lab", "qa", "ann", TEN)))
                .hasMessageContaining("pid " + ciJob.pid());

        ciJob.destroyForcibly();
        assertThat(ciJob.waitFor(PATIENCE_S, TimeUnit.SECONDS)).isTrue();
        window.acquire("lab", "qa", "ann", TEN).close();
    }

    /** Runs DeployLockHolder in a JVM of its own, on this JVM's class path. */
    private Process holder(String mode, String environment, String user) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DeployLockHolder.class.getName(),
                mode, state.toString(), "lab", environment, user, TEN.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        others.add(process);
        return process;
    }

    private static String firstLine(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return String.valueOf(out.readLine());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(PATIENCE_S, TimeUnit.SECONDS);
    }
}
