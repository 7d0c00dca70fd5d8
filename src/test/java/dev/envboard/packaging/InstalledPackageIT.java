package dev.envboard.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The .deb as a user gets it: built by packaging/build.sh, installed with apt-get, run from the
 * installed files on a PATH without a JDK or Maven, and removed again. It needs root (apt-get),
 * as the sandbox does, and removes any envboard package installed on the machine.
 */
@ExtendWith(SandboxExtension.class)
class InstalledPackageIT {
    private static final Path COMMAND = Path.of("/usr/bin/envboard");
    private static final Path INSTALL_DIR = Path.of("/opt/envboard");
    private static final Path DESKTOP_ENTRY = Path.of("/usr/share/applications/envboard.desktop");
    private static final Pattern RENDERED = Pattern.compile("envboard-(\\d+)\\.png");

    private static Path home;
    private static Path noJdkPath;

    @BeforeAll
    static void buildAndInstall(Sandbox sandbox) throws Exception {
        home = Files.createTempDirectory("envboard-installed-home");
        // --fast: zstd instead of xz, the same files in a slightly bigger .deb, built in seconds instead of a minute.
        Result build = run(Map.of("JAVA_HOME", System.getProperty("java.home")), 600, "packaging/build.sh", "--type", "deb", "--fast");
        assertThat(build.code()).as(build.output()).isZero();
        Path deb = theDeb();
        // --reinstall: a package of this version left by an interrupted run is replaced, not kept.
        Result install = root(Map.of("DEBIAN_FRONTEND", "noninteractive"), 300, "apt-get", "install", "-y", "--reinstall", "./" + deb);
        assertThat(install.code()).as(install.output()).isZero();
        noJdkPath = pathWithoutJdkOrMaven(Files.createTempDirectory("envboard-no-jdk-bin"));
    }

    @AfterAll
    static void removeAndCheckItIsGone() throws Exception {
        if (home == null) {
            return;
        }
        deleteTree(home);
        if (noJdkPath != null) {
            deleteTree(noJdkPath);
        }
        Result purge = root(Map.of("DEBIAN_FRONTEND", "noninteractive"), 300, "apt-get", "purge", "-y", "envboard");
        assertThat(purge.code()).as(purge.output()).isZero();
        assertThat(Files.exists(COMMAND, LinkOption.NOFOLLOW_LINKS)).as(COMMAND + " after apt-get purge").isFalse();
        assertThat(INSTALL_DIR).doesNotExist();
        assertThat(DESKTOP_ENTRY).doesNotExist();
        for (int size : renderedSizes()) {
            assertThat(themeIcon(size)).doesNotExist();
        }
    }

    @Test
    void thePathHasNoJdkAndNoMaven() throws Exception {
        Result lookup = runClean(30, "bash", "-c", "command -v java javac jlink mvn");
        assertThat(lookup.output()).as("java or Maven on the test's PATH").isBlank();
    }

    @Test
    void versionIsThePomsFromTheInstalledRuntime() throws Exception {
        Result version = runClean(60, COMMAND.toString(), "--version");
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output().lines().findFirst()).contains("envboard " + System.getProperty("envboard.version"));
    }

    @Test
    void theCommandIsOnThePathAndHelps() throws Exception {
        Result help = runClean(60, "envboard", "--help");
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).startsWith("Usage: envboard").contains("nodes").contains("redeploy");
    }

    @Test
    void nodesListsTheSandboxHostsAsTheDockerCliSeesThem(Sandbox sandbox) throws Exception {
        Result nodes = runClean(120, COMMAND.toString(), "nodes", "--config", sandbox.poolsFile().toString());
        assertThat(nodes.code()).as(nodes.output()).isZero();

        List<String> expected = new ArrayList<>(
                Arrays.asList(sandbox.docker(sandbox.manager(), "node", "ls", "--format", "{{.Hostname}}").split("\n")));
        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            expected.add(sandbox.docker(engine, "info", "--format", "{{.Name}}"));
        }
        assertThat(expected).hasSize(sandbox.swarmNodes().size() + sandbox.standaloneHosts().size());
        List<List<String>> rows = nodes.output().lines().map(line -> List.of(line.trim().split("\\s+"))).toList();
        for (String host : expected) {
            assertThat(rows).as("a row for " + host + " in:\n" + nodes.output()).anySatisfy(row -> assertThat(row).contains(host));
        }
    }

    @Test
    void theMenuEntryAndTheIconsAreInstalled() throws Exception {
        assertThat(Files.readSymbolicLink(COMMAND)).isEqualTo(INSTALL_DIR.resolve("bin/envboard"));
        List<String> entry = Files.readAllLines(DESKTOP_ENTRY);
        assertThat(entry).contains("Exec=envboard", "Icon=envboard", "Type=Application").anyMatch(l -> l.startsWith("Categories="));
        List<Integer> sizes = renderedSizes();
        assertThat(sizes).contains(16, 512);
        for (int size : sizes) {
            Path installed = themeIcon(size);
            assertThat(installed).as("the %d px icon in the icon theme", size).exists();
            assertThat(Files.mismatch(installed, Path.of("icons/envboard-" + size + ".png"))).as(installed + " is icons/'s").isEqualTo(-1);
        }
    }

    private static Path themeIcon(int size) {
        return Path.of("/usr/share/icons/hicolor/" + size + "x" + size + "/apps/envboard.png");
    }

    private static List<Integer> renderedSizes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("icons"))) {
            return files.map(file -> RENDERED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
    }

    private static Path theDeb() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("envboard_.*\\.deb")).toList();
            assertThat(debs).as("the .deb packaging/build.sh made in target/").hasSize(1);
            return debs.get(0);
        }
    }

    /**
     * A folder of links to every command of /usr/bin and /bin except a JDK's and Maven's (found by
     * where they lead), so the installed files run as on a machine that has neither.
     */
    private static Path pathWithoutJdkOrMaven(Path dir) throws IOException {
        for (Path bin : List.of(Path.of("/usr/bin"), Path.of("/bin"))) {
            try (Stream<Path> commands = Files.list(bin)) {
                for (Path command : commands.toList()) {
                    Path link = dir.resolve(command.getFileName());
                    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) || !Files.exists(command)) {
                        continue;
                    }
                    String target = command.toRealPath().toString();
                    if (!target.startsWith("/usr/lib/jvm/") && !target.startsWith("/usr/share/maven")) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        return dir;
    }

    /** Removes a folder and what is in it; links are removed, never followed. */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private record Result(int code, String output) {
    }

    /** As from a fresh login with nothing but a PATH without a JDK: no JAVA_HOME, no Maven. */
    private static Result runClean(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", noJdkPath.toString(), "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(), "XDG_STATE_HOME", home.resolve("state").toString()));
        return waitFor(builder, timeoutSeconds);
    }

    private static Result run(Map<String, String> env, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return waitFor(builder, timeoutSeconds);
    }

    /** apt-get needs root: as root directly, else through sudo (without asking for a password). */
    private static Result root(Map<String, String> env, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name"))) {
            return run(env, timeoutSeconds, command);
        }
        List<String> sudo = new ArrayList<>(List.of("sudo", "-n", "env"));
        env.forEach((key, value) -> sudo.add(key + "=" + value));
        sudo.addAll(List.of(command));
        return run(Map.of(), timeoutSeconds, sudo.toArray(String[]::new));
    }

    private static Result waitFor(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("envboard-it-", ".out");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", builder.command())
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
