package dev.envboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A virtual display of the benchmark's own (Xvfb on the first free number from :97), stopped by its pid. */
final class Xvfb implements AutoCloseable {
    private static final int FIRST = 97;
    private static final int LAST = 139;
    private static final long READY_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final Process process;
    private final int number;
    private final Thread onExit;

    private Xvfb(Process process, int number) {
        this.process = process;
        this.number = number;
        // Should the benchmark be ended from outside, the display goes with it.
        onExit = new Thread(process::destroy, "xvfb-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** @param log where Xvfb's own output goes */
    static Xvfb start(Path log) throws IOException, InterruptedException {
        for (int n = FIRST; n <= LAST; n++) {
            if (Files.exists(lock(n)) || Files.exists(socket(n))) {
                continue; // another X server's
            }
            Process process;
            try {
                process = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new BenchFailure("cannot start Xvfb (scripts/install-deps.sh installs it): " + e.getMessage(), e);
            }
            long deadline = System.nanoTime() + READY_NANOS;
            while (process.isAlive() && !Files.exists(socket(n)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (process.isAlive() && Files.exists(socket(n))) {
                return new Xvfb(process, n);
            }
            stop(process);
            if (!Files.readString(log).contains("already active")) {
                throw new BenchFailure("Xvfb :" + n + " did not come up within 15 s: " + Files.readString(log).trim());
            }
            // another server took the number meanwhile: the next one
        }
        throw new BenchFailure("no free X display number from :" + FIRST + " to :" + LAST);
    }

    /** The value of DISPLAY for the windows. */
    String display() {
        return ":" + number;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
        Runtime.getRuntime().removeShutdownHook(onExit);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path lock(int n) {
        return Path.of("/tmp/.X" + n + "-lock");
    }

    private static Path socket(int n) {
        return Path.of("/tmp/.X11-unix/X" + n);
    }
}
