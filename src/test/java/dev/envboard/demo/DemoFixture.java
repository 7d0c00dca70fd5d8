package dev.envboard.demo;

import dev.envboard.app.AppContext;
import dev.envboard.deploy.EnvironmentRemoval;
import dev.envboard.deploy.ServiceHosts;
import dev.envboard.deploy.DeployLocks;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateReader;
import dev.envboard.demo.template.TemplateStacks;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's pools with this checkout's example templates (examples/templates), an app of the
 * test's own state directory, and the docker CLI's view of what a demo left on the standalone engines.
 */
final class DemoFixture implements AutoCloseable {
    static final String POOL = "sandbox-hosts";
    static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");

    final Sandbox sandbox;
    final Path dir;
    final Path poolsFile;
    final AppContext app;

    DemoFixture(Sandbox sandbox, Path dir) throws IOException {
        this.sandbox = sandbox;
        this.dir = dir;
        Path templates = Path.of("examples/templates").toAbsolutePath();
        String pools = Files.readString(sandbox.poolsFile()).replaceAll("(?m)^\\s*templates: .*\n", "")
                .replace("    label-key: environment\n", "    label-key: environment\n    templates: " + templates + "\n");
        poolsFile = dir.resolve("pools.yaml");
        Files.writeString(poolsFile, pools);
        app = AppContext.create(poolsFile, env(dir.resolve("state")));
    }

    /** An app's environment with a state directory of its own. */
    static Map<String, String> env(Path state) throws IOException {
        Files.createDirectories(state);
        Map<String, String> env = new HashMap<>();
        env.put("XDG_STATE_HOME", state.toString());
        env.put("XDG_CONFIG_HOME", state.toString());
        return env;
    }

    PoolSpec pool() {
        return app.pools().pool(POOL).orElseThrow();
    }

    /** The same services as the app's, but reading time from {@code clock}: for expiry. */
    DemoService demoServiceAt(Clock clock) {
        StackLoader loader = new StackLoader();
        return new DemoService(new TemplateCatalog(new TemplateReader(loader)), new TemplateStacks(loader), app.poolInspector(),
                app.moveService(), app.redeployService(), new EnvironmentRemoval(app.dockerClients(), app.poolInspector(),
                new DeployLocks(dir.resolve("state")), clock, "tester", Duration.ofMinutes(3)),
                new ServiceHosts(app.dockerClients()), new PoolDemoRecords(app.poolRecords(), app.poolInspector()), clock, "tester");
    }

    /** "name id state" of every container of the environment on one engine. */
    List<String> containers(String engine, String environment) {
        return lines(sandbox.docker(sandbox.engine(engine), "ps", "-a", "--filter", "label=com.docker.stack.namespace=" + environment,
                "--format", "{{.Names}} {{.ID}} {{.State}}"));
    }

    List<String> networks(String engine, String environment) {
        return lines(sandbox.docker(sandbox.engine(engine), "network", "ls", "--filter", "label=com.docker.stack.namespace=" + environment,
                "--format", "{{.Name}}"));
    }

    /** The demo records (volumes) of the environment on one engine. */
    List<String> records(String engine, String environment) {
        return lines(sandbox.docker(sandbox.engine(engine), "volume", "ls", "-q", "--filter", "label=dev.envboard.record=demo",
                "--filter", "label=dev.envboard.record.subject=" + environment));
    }

    /** Removes whatever of the environment a test left (containers, networks, demo records) on every standalone engine. */
    void removeAll(String environment) {
        for (String host : HOSTS) {
            Sandbox.Engine engine = sandbox.engine(host);
            for (String line : containers(host, environment)) {
                sandbox.docker(engine, "rm", "-f", line.split(" ")[1]);
            }
            for (String network : networks(host, environment)) {
                sandbox.docker(engine, "network", "rm", network);
            }
            for (String volume : records(host, environment)) {
                sandbox.docker(engine, "volume", "rm", volume);
            }
        }
    }

    /** Runs {@code envboard ARGS} in a JVM of its own, with a state directory of its own; returns exit code and stdout. */
    static String[] runInSecondProcess(Path state, String... args) throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), "dev.envboard.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env(state));
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("envboard " + String.join(" ", args) + " did not end within 120 s");
        }
        try {
            return new String[] {String.valueOf(process.exitValue()), out.get(10, TimeUnit.SECONDS)};
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("cannot read the output of envboard " + String.join(" ", args), e);
        }
    }

    private static List<String> lines(String out) {
        return out.isBlank() ? List.of() : out.lines().toList();
    }

    @Override
    public void close() {
        app.close();
    }
}
