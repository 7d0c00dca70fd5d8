package dev.envboard.bench;

import dev.envboard.docker.EndpointSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command lines {@code startup} runs, all from this checkout's packaged build: the launcher
 * {@code ./envboard}, and its floors with the same {@code java} the launcher picks ($JAVA_HOME/bin/java,
 * else the first java on PATH) and the JVM's default flags.
 */
final class StartupCommands {
    /** What could change a JVM's flags behind the command line: kept out of every side's environment. */
    private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "ENVBOARD_JAVA_OPTS");

    private final Path root;
    private final Path java;
    private final String fxModulePath;

    private StartupCommands(Path root, Path java, String fxModulePath) {
        this.root = root;
        this.java = java;
        this.fxModulePath = fxModulePath;
    }

    /** This checkout (the working directory), which must be packaged. */
    static StartupCommands fromCheckout() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path lib = root.resolve("target/lib");
        boolean jar;
        try (Stream<Path> files = Files.list(root.resolve("target"))) {
            jar = files.anyMatch(f -> f.getFileName().toString().matches("envboard-.*\\.jar"));
        } catch (IOException e) {
            jar = false;
        }
        if (!jar || !Files.isDirectory(lib) || !Files.isDirectory(root.resolve("target/test-classes"))) {
            throw new BenchFailure("not packaged: ./envboard needs target/envboard-*.jar and target/lib"
                    + " (scripts/bench.sh startup runs mvn package first)");
        }
        List<String> fx;
        try (Stream<Path> files = Files.list(lib)) {
            fx = files.map(Path::toString).filter(f -> f.matches(".*/javafx-[^/]*-linux\\.jar")).sorted().toList();
        }
        if (fx.isEmpty()) {
            throw new BenchFailure("no target/lib/javafx-*-linux.jar: the window's JavaFX jars are missing");
        }
        return new StartupCommands(root, java(System.getenv()), String.join(":", fx));
    }

    /** The java the launcher runs: $JAVA_HOME/bin/java, else the first java on PATH. */
    private static Path java(Map<String, String> env) {
        String home = env.get("JAVA_HOME");
        if (home != null && !home.isEmpty()) {
            return Path.of(home, "bin", "java");
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "java");
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new BenchFailure("no java on PATH and no JAVA_HOME");
    }

    Path java() {
        return java;
    }

    /** This process's environment without JVM option variables, with Envboard's config and state in {@code scratch}. */
    Map<String, String> environment(Path scratch) {
        Map<String, String> env = new HashMap<>(System.getenv());
        JVM_OPTION_VARIABLES.forEach(env::remove);
        Stream.of("DISPLAY", "WAYLAND_DISPLAY", "ENVBOARD_STARTUP_PROBE", "XDG_CACHE_HOME").forEach(env::remove);
        env.put("XDG_CONFIG_HOME", scratch.resolve("config").toString());
        env.put("XDG_STATE_HOME", scratch.resolve("state").toString());
        return env;
    }

    List<String> envboard(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("envboard").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java -cp target/test-classes dev.envboard.bench.JavaHello}. */
    List<String> javaHello() {
        return List.of(java.toString(), "-cp", root.resolve("target/test-classes").toString(), JavaHello.class.getName());
    }

    /** The JavaFX hello-world with the launcher's JavaFX jars on the module path, as the launcher puts them. */
    List<String> fxHello() {
        return List.of(java.toString(), "--module-path", fxModulePath, "--add-modules", "javafx.controls",
                "-cp", root.resolve("target/test-classes").toString(), FxHello.class.getName());
    }

    /** {@code docker -H ENDPOINT [TLS flags] ARGS...}: a pool's endpoint as a script would give it to the CLI. */
    static List<String> docker(EndpointSpec endpoint, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", endpoint.uri().toString()));
        if (endpoint.usesTls()) {
            Path tls = endpoint.tlsDir(); // verified, as Envboard does (DOCKER_CERT_PATH's files)
            command.addAll(List.of("--tlsverify", "--tlscacert", tls.resolve("ca.pem").toString(),
                    "--tlscert", tls.resolve("cert.pem").toString(), "--tlskey", tls.resolve("key.pem").toString()));
        }
        command.addAll(List.of(args));
        return command;
    }
}
