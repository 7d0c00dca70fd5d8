package dev.envboard.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Another Envboard process for DeployLocksTest, run in its own JVM.
 * {@code hold STATE POOL ENV USER TIME}: takes the lock, prints "held", keeps it until its stdin
 * closes, then exits 0. {@code try STATE POOL ENV USER TIME}: tries once and prints "taken" (exit 0)
 * or the refusal (exit 3).
 */
public final class DeployLockHolder {
    private DeployLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        DeployLocks locks = new DeployLocks(Path.of(args[1]));
        try (DeployLocks.Held held = locks.acquire(args[2], args[3], args[4], Instant.parse(args[5]))) {
            if (args[0].equals("try")) {
                System.out.println("taken");
                return;
            }
            System.out.println("held");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold until the test closes our stdin
            }
        } catch (DeployException refused) {
            System.out.println(refused.getMessage());
            System.exit(3);
        }
    }
}
