package dev.envboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's launcher script after {@code mvn package}: its class-data-sharing archive is
 * written by a command's first run, taken into use by the next (classes then come from it),
 * never by {@code --version}; {@code --help} and {@code --version} load no docker-java, Jackson or MINA; a command's output stays clean throughout; a headless command
 * loads no JavaFX. The pool is a socket with no engine behind it: no sandbox needed.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("envboard").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theFirstCommandWritesTheArchiveTheNextUseItAndTheOutputStaysClean() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path pools = pools();

        Result version = run(cache, null, "--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("envboard " + System.getProperty("envboard.version") + "\n");
        assertThat(archives(cache)).as("--version writes no archive").isEmpty();

        Result first = run(cache, null, "nodes", "--json", "--config", pools.toString());
        assertOfflinePoolJson(first);
        assertThat(archives(cache)).singleElement().asString().matches(".*/cli-.*\\.jsa\\.\\d+\\.tmp");

        Path classLog = dir.resolve("classes.log");
        Result second = run(cache, "-Xlog:class+load:file=" + classLog, "nodes", "--json", "--config", pools.toString());
        assertOfflinePoolJson(second);
        assertThat(archives(cache)).singleElement().asString().matches(".*/cli-.*\\.jsa");
        String loaded = Files.readString(classLog);
        assertThat(loaded).as("our classes come from the archive")
                .containsPattern("dev\\.envboard\\.cli\\.NodesCommand source: shared objects file \\(top\\)");
        assertThat(loaded).as("a headless command loads no JavaFX").doesNotContain("javafx.");
    }

    @Test
    void helpAndVersionLoadNoDockerJavaJacksonOrSsh() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        for (String flag : List.of("--help", "--version")) {
            Path classLog = dir.resolve("classes" + flag + ".log");
            Result result = run(cache, "-Xlog:class+load:file=" + classLog, flag);
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).contains("envboard");
            String loaded = Files.readString(classLog);
            assertThat(loaded).as(flag).contains("dev.envboard.Main")
                    .doesNotContain("com.github.dockerjava").doesNotContain("com.fasterxml.jackson")
                    .doesNotContain("org.apache.sshd").doesNotContain("javafx.");
        }
        assertThat(archives(cache)).isEmpty();
    }

    @Test
    void withCdsOffNothingIsWritten() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Map<String, String> off = Map.of("ENVBOARD_CDS", "off");
        Result result = run(cache, null, off, "nodes", "--json", "--config", pools().toString());
        assertOfflinePoolJson(result);
        assertThat(archives(cache)).isEmpty();
    }

    private void assertOfflinePoolJson(Result result) throws IOException {
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get(0).get("pool").asText()).isEqualTo("nowhere");
        assertThat(json.get(0).get("status").asText()).isEqualTo("offline");
        assertThat(result.err()).contains("nowhere");
    }

    private Path pools() throws IOException {
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, "pools:\n  - name: nowhere\n    kind: swarm\n    endpoint: unix://" + dir.resolve("docker.sock") + "\n");
        return file;
    }

    private static List<Path> archives(Path cache) throws IOException {
        Path cds = cache.resolve("envboard/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.toList();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(Path cache, String javaOptions, String... args) throws Exception {
        return run(cache, javaOptions, Map.of(), args);
    }

    private Result run(Path cache, String javaOptions, Map<String, String> extra, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("ENVBOARD_JAVA_OPTS");
        env.remove("ENVBOARD_CDS");
        env.remove("JAVA_TOOL_OPTIONS");
        if (javaOptions != null) {
            env.put("ENVBOARD_JAVA_OPTS", javaOptions);
        }
        env.putAll(new HashMap<>(extra));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
