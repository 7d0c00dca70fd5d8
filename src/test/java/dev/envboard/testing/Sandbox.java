package dev.envboard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox pool of real engines (scripts/sandbox.sh) as tests see it: its pools file, its
 * engines, and the plain docker CLI pointed at any of them, to check outcomes on the real system.
 */
public final class Sandbox implements ExtensionContext.Store.CloseableResource {
    public record Engine(String name, String kind, String dockerHost, String address, Path pidFile) {
        public boolean isSwarm() {
            return kind.equals("swarm");
        }
    }

    private final Path dir;
    private final boolean startedHere;
    private final List<Engine> engines;

    private Sandbox(Path dir, boolean startedHere, List<Engine> engines) {
        this.dir = dir;
        this.startedHere = startedHere;
        this.engines = List.copyOf(engines);
    }

    static Sandbox start() throws IOException, InterruptedException {
        Path dir = stateDir();
        boolean alreadyUp = Shell.run(List.of("bash", script().toString(), "status"), 60).exitCode() == 0;
        if (!alreadyUp) {
            Shell.Result up = Shell.run(List.of("bash", script().toString(), "up"), 300);
            if (up.exitCode() != 0) {
                throw new IllegalStateException("scripts/sandbox.sh up failed (exit " + up.exitCode() + "):\n" + up.output());
            }
        } else {
            // A sandbox that was already up may carry what an interrupted run or a benchmark left.
            Shell.Result reset = Shell.run(List.of("bash", script().toString(), "reset"), 300);
            if (reset.exitCode() != 0) {
                throw new IllegalStateException("scripts/sandbox.sh reset failed (exit " + reset.exitCode() + "):\n" + reset.output());
            }
        }
        return new Sandbox(dir, !alreadyUp, readEngines(dir.resolve("engines.tsv")));
    }

    /** The sandbox as it is now, without starting it (benchmarks start it from their script). */
    public static Sandbox existing() throws IOException {
        return new Sandbox(stateDir(), false, readEngines(stateDir().resolve("engines.tsv")));
    }

    static Path stateDir() {
        String dir = System.getenv("ENVBOARD_SANDBOX_DIR");
        return Path.of(dir == null || dir.isBlank() ? "/var/lib/envboard-sandbox" : dir);
    }

    static Path script() {
        return Path.of("scripts/sandbox.sh").toAbsolutePath();
    }

    private static List<Engine> readEngines(Path file) throws IOException {
        List<Engine> engines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            engines.add(new Engine(f[0], f[1], f[2], f[3], Path.of(f[4])));
        }
        return engines;
    }

    public Path dir() {
        return dir;
    }

    public Path poolsFile() {
        return dir.resolve("pools.yaml");
    }

    /**
     * A copy of the sandbox's pools.yaml whose SSH known_hosts is {@code knownHosts}: for tests of
     * unknown host keys, without touching the sandbox's own file.
     */
    public Path poolsFileWithKnownHosts(Path dir, Path knownHosts) throws IOException {
        String original = Files.readString(poolsFile());
        String changed = original.replace(dir().resolve("ssh/known_hosts").toString(), knownHosts.toString());
        if (changed.equals(original)) {
            throw new IllegalStateException("pools.yaml does not name " + dir().resolve("ssh/known_hosts"));
        }
        Path copy = dir.resolve("pools.yaml");
        Files.writeString(copy, changed);
        return copy;
    }

    /** The sandbox's Consul (HashiCorp's double), as pools.yaml names it. */
    public static final String CONSUL_ADDRESS = "http://127.0.0.1:18500";

    /** A copy of the sandbox's pools.yaml whose pools watch the Consul at {@code address} instead. */
    public Path poolsFileWithConsul(Path dir, String address) throws IOException {
        String original = Files.readString(poolsFile());
        String changed = original.replace(CONSUL_ADDRESS, address);
        if (changed.equals(original)) {
            throw new IllegalStateException("pools.yaml does not name the sandbox's Consul " + CONSUL_ADDRESS);
        }
        Path copy = dir.resolve("pools.yaml");
        Files.writeString(copy, changed);
        return copy;
    }

    /** The SHA256 fingerprint of a standalone host's SSH host key, as ssh-keygen prints it. */
    public String hostKeyFingerprint(String host) throws IOException, InterruptedException {
        Path key = dir().resolve(host).resolve("ssh/ssh_host_ed25519_key.pub");
        Shell.Result result = Shell.run(List.of("ssh-keygen", "-lf", key.toString()), 30);
        if (result.exitCode() != 0) {
            throw new IOException("ssh-keygen -lf " + key + ": " + result.output());
        }
        return result.output().trim().split("\\s+")[1];
    }

    public List<Engine> engines() {
        return engines;
    }

    public List<Engine> swarmNodes() {
        return engines.stream().filter(Engine::isSwarm).toList();
    }

    public List<Engine> standaloneHosts() {
        return engines.stream().filter(e -> !e.isSwarm()).toList();
    }

    public Engine engine(String name) {
        return engines.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sandbox engine " + name));
    }

    /** Stops one engine's dockerd, as on a host whose Docker daemon died (scripts/sandbox.sh stop). */
    public void stopEngine(String name) {
        script("stop", name);
    }

    /** Starts a stopped engine again; does nothing to one that runs. */
    public void startEngine(String name) {
        script("start", name);
    }

    /**
     * Gives every standalone engine the first one's key.json, so they all report one engine ID, as
     * machines cloned from one VM image do (scripts/sandbox.sh clone-id); false gives each its own back.
     */
    public void cloneEngineIds(boolean on) {
        script("clone-id", on ? "on" : "off");
    }

    /**
     * The sandbox's private registry (Distribution, TLS from its own CA, htpasswd), as
     * scripts/sandbox.sh writes it to registry.env.
     *
     * @param address      host:port, {@code 10.254.77.1:5443}
     * @param ca           the registry's CA (also in /etc/docker/certs.d/ADDRESS/ca.crt)
     * @param dockerConfig a docker config dir logged in to it ({@code docker login}, auths in config.json)
     * @param image        the demo repository in it, {@code ADDRESS/envboard/demo}: tags 1, 2 and latest (= 2)
     */
    public record Registry(String address, String user, String password, Path ca, Path dockerConfig, String image) {
        /** {@code ADDRESS/envboard/demo:TAG}. */
        public String image(String tag) {
            return image + ":" + tag;
        }

        @Override
        public String toString() {
            return "Registry[" + address + ", user " + user + ", password hidden]";
        }

        /** The manifest digest {@code tag} names, from the registry's own answer (Docker-Content-Digest), asked with curl. */
        public String manifestDigest(String tag) throws IOException, InterruptedException {
            Path curlConfig = Files.createTempFile("envboard-curl", ".conf",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(curlConfig, "user = \"" + user + ":" + password + "\"\n");
                List<String> command = new ArrayList<>(List.of("curl", "-sS", "-I", "--max-time", "30", "--cacert", ca.toString(),
                        "-K", curlConfig.toString()));
                for (String type : List.of("application/vnd.docker.distribution.manifest.list.v2+json",
                        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
                        "application/vnd.oci.image.manifest.v1+json")) {
                    command.addAll(List.of("-H", "Accept: " + type));
                }
                command.add("https://" + address + "/v2/" + image.substring(address.length() + 1) + "/manifests/" + tag);
                Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!curl.waitFor(40, TimeUnit.SECONDS) || curl.exitValue() != 0) {
                    throw new AssertionError("curl of the manifest of " + image(tag) + " failed: " + out);
                }
                return out.lines().filter(l -> l.toLowerCase().startsWith("docker-content-digest:"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                        .orElseThrow(() -> new AssertionError("no Docker-Content-Digest for " + image(tag) + ": " + out));
            } finally {
                Files.deleteIfExists(curlConfig);
            }
        }

        /**
         * Removes, by name, one engine's references (tags and {@code REPO@DIGEST}) to the demo
         * repository's images whose digest {@code remove} accepts. By name only: the same content is
         * the sandbox's imported envboard/demo:N, which must stay. A reference that cannot go (a
         * container uses its last one, or the one before took it along) is left: callers check what
         * the engine holds afterwards.
         */
        public void removeReferences(Sandbox sandbox, Engine engine, Predicate<String> remove) {
            String lines = sandbox.docker(engine, "images", "--digests", "--format",
                    "{{.Digest}} {{.Repository}}:{{.Tag}} {{.Repository}}@{{.Digest}}", image);
            for (String line : lines.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
                String[] fields = line.split("\\s+");
                if (!remove.test(fields[0])) {
                    continue;
                }
                for (String ref : List.of(fields[1], fields[2])) {
                    if (ref.endsWith(":<none>") || ref.endsWith("@<none>")) {
                        continue;
                    }
                    try {
                        sandbox.docker(engine, "rmi", ref);
                    } catch (AssertionError goneOrInUse) {
                        // see above: the caller checks what is left
                    }
                }
            }
        }
    }

    public Path registryEnvFile() {
        return dir.resolve("registry.env");
    }

    /** Read from registry.env each time: a rebuilt sandbox has a new password and CA. */
    public Registry registry() {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(registryEnvFile(), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + registryEnvFile() + ": " + e.getMessage(), e);
        }
        for (String key : List.of("REGISTRY", "REGISTRY_USER", "REGISTRY_PASSWORD", "REGISTRY_CA", "REGISTRY_DOCKER_CONFIG", "REGISTRY_IMAGE")) {
            if (values.getOrDefault(key, "").isBlank()) {
                throw new AssertionError(registryEnvFile() + " has no " + key);
            }
        }
        return new Registry(values.get("REGISTRY"), values.get("REGISTRY_USER"), values.get("REGISTRY_PASSWORD"),
                Path.of(values.get("REGISTRY_CA")), Path.of(values.get("REGISTRY_DOCKER_CONFIG")), values.get("REGISTRY_IMAGE"));
    }

    /** Stops the registry's process (scripts/sandbox.sh registry-stop); its data and login stay. */
    public void stopRegistry() {
        script("registry-stop");
    }

    /** Starts it again and checks that its images are there (scripts/sandbox.sh registry-start). */
    public void startRegistry() {
        script("registry-start");
    }

    private void script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script().toString()));
        command.addAll(List.of(args));
        try {
            Shell.Result result = Shell.run(command, 180);
            if (result.exitCode() != 0) {
                throw new AssertionError("scripts/sandbox.sh " + String.join(" ", args) + " failed: " + result.output());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The Swarm manager: the first swarm engine. */
    public Engine manager() {
        return swarmNodes().get(0);
    }

    /** Runs the docker CLI against one engine; fails the test on a non-zero exit. */
    public String docker(Engine engine, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", engine.dockerHost()));
        command.addAll(List.of(args));
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("create"))) {
            // An image missing on the engine must fail here, never send the engine off to Docker Hub.
            command.add(4, "--pull=never"); // after "docker -H HOST run"
        }
        try {
            Shell.Result result = Shell.run(command, 120);
            if (result.exitCode() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + result.exitCode() + "): " + result.output());
            }
            return result.output().trim();
        } catch (IOException e) {
            throw new AssertionError("cannot run docker CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws Throwable {
        if (startedHere && System.getenv("ENVBOARD_KEEP_SANDBOX") == null) {
            Shell.run(List.of("bash", script().toString(), "down"), 120);
        }
    }

    /** Waits for a process; kept here so tests need nothing else to run commands. */
    static final class Shell {
        record Result(int exitCode, String output) {
        }

        static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
            Path log = Files.createTempFile("envboard-test-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
                }
                return new Result(process.exitValue(), Files.readString(log));
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }
}
