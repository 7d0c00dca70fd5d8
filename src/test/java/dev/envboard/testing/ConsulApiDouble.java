package dev.envboard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HashiCorp's Consul API double (tools/consul-double, installed by scripts/install-deps.sh) as a
 * process of its own on 127.0.0.1 and a free port, stopped by its pid on {@link #close()}.
 * Plain Java (no JUnit), so that benchmarks can start one too.
 */
public final class ConsulApiDouble implements AutoCloseable {
    /** How long a blocking query (one with ?index) is held; Consul's double holds it 60 s by default. */
    public static final Duration LATENCY = Duration.ofMillis(200);
    /** faker's seed: the same fake data on every run. */
    public static final int SEED = 4242;
    /** Nodes in HashiCorp's answers (its health/service template picks 1 to 10 at random otherwise). */
    public static final int NODE_COUNT = 3;
    /** Tags per service: fixed too, since a random count would also shift every fake value after it. */
    public static final int TAG_COUNT = 3;

    /** Which templates it serves; each set lies over HashiCorp's own (tools/consul-double/README.md). */
    public enum Templates {
        /** HashiCorp's templates, with ours for what they lack: catalog services and nodes, health state. */
        HASHICORP("api"),
        /** The sandbox's Consul (as scripts/sandbox.sh serves it): its hosts as nodes, fixed services and checks. */
        SANDBOX("sandbox", "api");

        private final List<String> dirs;

        Templates(String... dirs) {
            this.dirs = List.of(dirs);
        }
    }

    private static final Path TOOL = Path.of("tools/consul-double");
    private static final Pattern LISTENING = Pattern.compile("consul-double listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private ConsulApiDouble(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts it and waits until it answers. Not installed, or not starting, is a failure, never a
     * skip: scripts/install-deps.sh installs it with everything else the tests need.
     */
    public static ConsulApiDouble start(Templates templates) {
        unavailable().ifPresent(missing -> {
            throw new IllegalStateException(missing);
        });
        try {
            return start(templates, LATENCY);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Why the double cannot run here (no Node.js, packages not installed), or empty when it can. */
    public static Optional<String> unavailable() {
        Path dir = TOOL.toAbsolutePath();
        for (String pkg : List.of("api-double", "consul-api-double")) {
            if (!Files.isRegularFile(dir.resolve("node_modules/@hashicorp/" + pkg + "/package.json"))) {
                return Optional.of("the Consul API double is not installed (no " + dir.resolve("node_modules/@hashicorp/" + pkg)
                        + "): run scripts/install-deps.sh (or `npm ci` in tools/consul-double)");
            }
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!node.waitFor(20, TimeUnit.SECONDS) || node.exitValue() != 0) {
                node.destroyForcibly();
                return Optional.of("`node --version` failed: Node.js is broken; run scripts/install-deps.sh");
            }
        } catch (IOException e) {
            return Optional.of("no Node.js (`node` is not on PATH): run scripts/install-deps.sh");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while looking for Node.js");
        }
        return Optional.empty();
    }

    /**
     * Starts the double with these templates, holding blocking queries for {@code latency}, and
     * waits until it answers. Its output goes to a log under target/consul-double/.
     */
    public static ConsulApiDouble start(Templates templates, Duration latency) throws IOException {
        Path dir = TOOL.toAbsolutePath();
        Path logDir = Files.createDirectories(Path.of("target/consul-double").toAbsolutePath());
        Path log = Files.createTempFile(logDir, templates.name().toLowerCase() + "-", ".log");
        List<String> command = new ArrayList<>(List.of("node", dir.resolve("serve.js").toString(),
                "--port", "0", "--seed", Integer.toString(SEED), "--exit-with-stdin"));
        for (String layer : templates.dirs) {
            command.addAll(List.of("--dir", dir.resolve(layer).toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // The templates read CONSUL_* (and cookies); nothing inherited may change what they serve.
        env.keySet().removeIf(key -> key.startsWith("CONSUL_") || key.startsWith("HC_API_DOUBLE_"));
        env.put("CONSUL_LATENCY", Long.toString(latency.toMillis()));
        env.put("CONSUL_NODE_COUNT", Integer.toString(NODE_COUNT));
        env.put("CONSUL_TAG_COUNT", Integer.toString(TAG_COUNT));
        // stdin stays a pipe: --exit-with-stdin ends the double when this JVM goes, even by SIGKILL.
        Process process = builder.start();
        ConsulApiDouble started = null;
        try {
            started = new ConsulApiDouble(process, awaitPort(process, log), log);
            started.awaitAnswer();
            return started;
        } finally {
            if (started == null) {
                stop(process);
            }
        }
    }

    private static int awaitPort(Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("the Consul API double exited (" + process.exitValue() + ") before listening:\n" + tail(log));
            }
            pause();
        }
        throw new IOException("the Consul API double did not listen within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
    }

    private void awaitAnswer() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest leader = HttpRequest.newBuilder(address().resolve("/v1/status/leader")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = http.send(leader, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the Consul API double", e);
            }
            pause();
        }
        throw new IOException("the Consul API double on " + address() + " does not answer /v1/status/leader (" + last + "):\n" + tail(log));
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the Consul API double", e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The Consul HTTP address, {@code http://127.0.0.1:PORT}. */
    public URI address() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The double's output: one line per request, and errors. */
    public Path log() {
        return log;
    }

    /** Stops the double by its pid, its children first. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
