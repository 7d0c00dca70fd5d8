package dev.envboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code envboard} run as another process (the CLI's Main on the tests' class path), as a CI job
 * or a colleague's machine would run it: its own state and config directories, its own engine
 * connections. Its stdout lines and stderr are collected as they come.
 */
public final class ChildEnvboard implements AutoCloseable {
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final StringBuilder err = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    private ChildEnvboard(Process process) {
        this.process = process;
        this.outReader = reader(process.getInputStream(), line -> {
            synchronized (out) {
                out.add(line);
            }
        }, "child-envboard-out");
        this.errReader = reader(process.getErrorStream(), line -> {
            synchronized (err) {
                err.append(line).append('\n');
            }
        }, "child-envboard-err");
    }

    /**
     * Starts {@code envboard ARGS} with XDG_STATE_HOME and XDG_CONFIG_HOME in {@code stateDir} (and
     * {@code env} on top of this process's environment).
     */
    public static ChildEnvboard start(Path stateDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "dev.envboard.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("XDG_STATE_HOME", stateDir.toString());
        builder.environment().put("XDG_CONFIG_HOME", stateDir.toString());
        builder.environment().putAll(env);
        return new ChildEnvboard(builder.start());
    }

    /** Runs it to its end (bounded); fails the test when it does not end in time. */
    public static ChildEnvboard run(Path stateDir, Duration timeout, String... args) throws IOException, InterruptedException {
        ChildEnvboard child = start(stateDir, Map.of(), args);
        child.awaitExit(timeout);
        return child;
    }

    private interface LineSink {
        void accept(String line);
    }

    private static Thread reader(InputStream stream, LineSink sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException closed) {
                sink.accept("(child output closed: " + closed.getMessage() + ")");
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> stdoutLines() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** Every stdout line so far, joined; complete once the process ended and {@link #awaitExit} returned. */
    public String stdout() {
        return String.join("\n", stdoutLines());
    }

    public String stderr() {
        synchronized (err) {
            return err.toString();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ctrl+C: SIGINT to the process, as a terminal sends it. */
    public void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed");
        }
    }

    /** A thread dump of the process (jcmd of this JDK), to tell what a process that will not end waits for. */
    private String threads() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /** Waits for the end and for its output to be read; the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("envboard (pid " + process.pid() + ") did not end within " + timeout.toSeconds()
                    + " s; stderr so far:\n" + stderr() + "\nits threads:\n" + threads());
        }
        outReader.join(10_000);
        errReader.join(10_000);
        return process.exitValue();
    }

    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
