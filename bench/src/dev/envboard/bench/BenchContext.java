package dev.envboard.bench;

import dev.envboard.app.AppContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a benchmark works with: Envboard's services on the sandbox, and the plain docker CLI. */
final class BenchContext implements AutoCloseable {
    record Engine(String name, String kind, String dockerHost) {
    }

    private final Path sandboxDir;
    private final AppContext app;
    private final List<Engine> engines;

    private BenchContext(Path sandboxDir, AppContext app, List<Engine> engines) {
        this.sandboxDir = sandboxDir;
        this.app = app;
        this.engines = engines;
    }

    static BenchContext fromSandbox() throws IOException {
        String dir = System.getenv().getOrDefault("ENVBOARD_SANDBOX_DIR", "/var/lib/envboard-sandbox");
        Path sandbox = Path.of(dir);
        List<Engine> engines = new ArrayList<>();
        for (String line : Files.readAllLines(sandbox.resolve("engines.tsv"), StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                engines.add(new Engine(f[0], f[1], f[2]));
            }
        }
        AppContext app = AppContext.create(sandbox.resolve("pools.yaml"), Map.of());
        return new BenchContext(sandbox, app, engines);
    }

    AppContext app() {
        return app;
    }

    Path sandboxDir() {
        return sandboxDir;
    }

    List<Engine> engines() {
        return engines;
    }

    Engine manager() {
        return engines.stream().filter(e -> e.kind().equals("swarm")).findFirst().orElseThrow();
    }

    List<Engine> standalone() {
        return engines.stream().filter(e -> e.kind().equals("standalone")).toList();
    }

    /** Runs a docker CLI command to completion; output is captured and returned. */
    String docker(Engine engine, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "-H", engine.dockerHost()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() {
        app.close();
    }
}
