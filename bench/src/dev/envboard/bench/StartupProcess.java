package dev.envboard.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of {@code startup}, timed by the wall clock from just before it is spawned: until it
 * exits ({@link #run}), or until each probe line it prints on stderr ({@link Watched}). A process
 * that fails, or does not get there within 60 s, fails the benchmark with what it printed.
 */
final class StartupProcess {
    static final long TIMEOUT_SECONDS = 60;
    static final String PROBE = "envboard-probe ";
    private static final int TAIL_LINES = 30;
    private static final File NO_INPUT = new File("/dev/null");

    /** A finished run: from spawn to exit, and what it printed. */
    record Exit(long nanos, String out, String err) {
    }

    /** A probe line and when it was read, in nanoseconds from the spawn. */
    record Probe(long nanos, String line) {
    }

    private StartupProcess() {
    }

    /** Runs {@code command} to its exit (output to files, read after); a non-zero exit fails the benchmark. */
    static Exit run(String side, List<String> command, Map<String, String> env, Path scratch) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out-", ".txt");
        Path err = Files.createTempFile(scratch, "err-", ".txt");
        try {
            ProcessBuilder builder = builder(command, env).redirectOutput(out.toFile()).redirectError(err.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long nanos = System.nanoTime() - start;
            if (!exited) {
                stop(process);
                throw new BenchFailure(side + ": " + String.join(" ", command) + " did not exit within " + TIMEOUT_SECONDS
                        + " s; stderr: " + tail(Files.readString(err)));
            }
            if (process.exitValue() != 0) {
                throw new BenchFailure(side + ": " + String.join(" ", command) + " exited " + process.exitValue()
                        + "; stderr: " + tail(Files.readString(err)) + "; stdout: " + tail(Files.readString(out)));
            }
            return new Exit(nanos, Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A process whose stderr is read line by line as it comes, for its probe lines; stdout goes to a file. */
    static final class Watched implements AutoCloseable {
        private final String side;
        private final Process process;
        private final long start;
        private final Thread reader;
        private final Thread onExit;
        private final List<Probe> probes = new ArrayList<>();
        private final Deque<String> tail = new ArrayDeque<>();
        private boolean ended;

        private Watched(String side, Process process, long start) {
            this.side = side;
            this.process = process;
            this.start = start;
            reader = new Thread(this::read, "startup-stderr-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            // Should the benchmark be ended from outside, the window goes with it.
            onExit = new Thread(process::destroy, "startup-stop-" + process.pid());
            Runtime.getRuntime().addShutdownHook(onExit);
        }

        static Watched start(String side, List<String> command, Map<String, String> env, Path stdout) throws IOException {
            ProcessBuilder builder = builder(command, env).redirectOutput(stdout.toFile());
            long start = System.nanoTime();
            return new Watched(side, builder.start(), start);
        }

        /** The first probe line beginning {@code envboard-probe NAME}, waiting for it at most 60 s from the spawn. */
        synchronized Probe await(String name) throws InterruptedException {
            return await(name, TIMEOUT_SECONDS);
        }

        /** The first probe line beginning {@code envboard-probe NAME}, waiting for it at most {@code timeoutSeconds} from the spawn. */
        synchronized Probe await(String name, long timeoutSeconds) throws InterruptedException {
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                for (Probe probe : probes) {
                    if (probe.line().equals(PROBE + name) || probe.line().startsWith(PROBE + name + " ")) {
                        return probe;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    String how = ended
                            ? "it closed stderr without it (" + (process.waitFor(5, TimeUnit.SECONDS) ? "exit " + process.exitValue() : "still running") + ")"
                            : "not within " + timeoutSeconds + " s of the start";
                    throw new BenchFailure(side + ": no '" + PROBE + name + "' on stderr with ENVBOARD_STARTUP_PROBE=1: " + how
                            + "; probe lines seen: " + probes.stream().map(Probe::line).toList()
                            + "; last stderr lines: " + String.join(" | ", tail));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** The probe lines read so far, from the {@code from}-th on. */
        synchronized List<Probe> probes(int from) {
            return List.copyOf(probes.subList(Math.min(from, probes.size()), probes.size()));
        }

        synchronized int probeCount() {
            return probes.size();
        }

        /** Whether stderr has ended (the process is gone or closing). */
        synchronized boolean ended() {
            return ended;
        }

        /** The last stderr lines that were not probe lines. */
        synchronized String tail() {
            return String.join(" | ", tail);
        }

        long pid() {
            return process.pid();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    long nanos = System.nanoTime() - start;
                    synchronized (this) {
                        if (line.startsWith(PROBE)) {
                            probes.add(new Probe(nanos, line.trim()));
                        } else {
                            tail.addLast(line);
                            if (tail.size() > TAIL_LINES) {
                                tail.removeFirst();
                            }
                        }
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    tail.addLast("(reading stderr failed: " + e + ")");
                }
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        /** The process spawned: the JVM itself for the launcher, which execs java. */
        /** Ends the process (and any child of it) by pid: SIGTERM, then waits; SIGKILL after 30 s. */
        @Override
        public void close() throws InterruptedException {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(onExit);
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(NO_INPUT);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.out.println("(pid " + process.pid() + " did not end within 30 s of SIGTERM: killed)");
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
