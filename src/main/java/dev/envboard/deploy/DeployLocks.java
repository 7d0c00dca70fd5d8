package dev.envboard.deploy;

import dev.envboard.runtime.OffFxThread;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one redeploy per environment: within this process, and (through a file lock in the
 * state dir) across Envboard processes on this machine, e.g. the window and a CI job's CLI.
 */
public final class DeployLocks {
    private final Path dir;
    private final Map<String, String> heldHere = new ConcurrentHashMap<>();

    public DeployLocks(Path stateDir) {
        this.dir = stateDir.resolve("locks");
    }

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws DeployException with the reason when a redeploy of that environment is running */
    public Held acquire(String pool, String environment, String user, Instant now) throws DeployException {
        OffFxThread.check("DeployLocks.acquire");
        String key = pool + "__" + environment;
        String owner = user + " since " + now;
        String previous = heldHere.putIfAbsent(key, owner);
        if (previous != null) {
            throw new DeployException(environment + " is already being redeployed (" + previous + "); try again when it ends");
        }
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(key + ".lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String other = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                heldHere.remove(key);
                throw new DeployException(environment + " is already being redeployed by another Envboard on this machine ("
                        + (other.isEmpty() ? "unknown" : other) + ")");
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(owner + ", pid " + ProcessHandle.current().pid()), 0);
            FileLock acquired = lock;
            return () -> {
                try {
                    acquired.release();
                    channel.close();
                } catch (IOException ignored) {
                    // the process ends the lock anyway
                } finally {
                    heldHere.remove(key);
                }
            };
        } catch (IOException e) {
            heldHere.remove(key);
            throw new DeployException("cannot take the deploy lock in " + dir + ": " + e.getMessage(), e);
        }
    }

    public boolean isRunning(String pool, String environment) {
        return heldHere.containsKey(pool + "__" + environment);
    }
}
