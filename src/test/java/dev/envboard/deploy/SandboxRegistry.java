package dev.envboard.deploy;

import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's private registry ({@link Sandbox#registry()}), and what the registry tests need
 * of it: the digest a tag names (asked with curl, not through Envboard), docker configs with a
 * right and a wrong login, and the docker CLI pulling or removing an image on one engine. Public for
 * the UI tests that ship from the registry.
 */
public final class SandboxRegistry {
    final String address;
    final String user;
    final String password;
    final Path ca;
    final Path dockerConfig;
    public final String repository;

    private SandboxRegistry(Sandbox.Registry registry) {
        address = registry.address();
        user = registry.user();
        password = registry.password();
        ca = registry.ca();
        dockerConfig = registry.dockerConfig();
        repository = registry.image();
    }

    public static SandboxRegistry of(Sandbox sandbox) {
        return new SandboxRegistry(sandbox.registry());
    }

    public String image(String tag) {
        return repository + ":" + tag;
    }

    @Override
    public String toString() {
        return "SandboxRegistry[" + address + ", password hidden]";
    }

    /** A docker config dir whose auths entry logs in to this registry with {@code secret}. */
    Path dockerConfigWith(Path dir, String secret) throws IOException {
        Files.createDirectories(dir);
        String auth = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"auths\":{\"" + address + "\":{\"auth\":\"" + auth + "\"}}}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return dir;
    }

    /** The manifest digest {@code tag} names, from the registry's own answer (Docker-Content-Digest). */
    public String digest(String tag, Path workDir) throws IOException, InterruptedException {
        Path curlConfig = workDir.resolve("curl-" + tag + ".conf");
        Files.writeString(curlConfig, "user = \"" + user + ":" + password + "\"\n");
        Files.setPosixFilePermissions(curlConfig, PosixFilePermissions.fromString("rw-------"));
        String path = repository.substring(address.length() + 1);
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-I", "--cacert", ca.toString(), "-K", curlConfig.toString()));
        for (String type : List.of("application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json")) {
            command.addAll(List.of("-H", "Accept: " + type));
        }
        command.add("https://" + address + "/v2/" + path + "/manifests/" + tag);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!curl.waitFor(30, TimeUnit.SECONDS) || curl.exitValue() != 0) {
            throw new AssertionError("curl of the manifest of " + tag + " failed: " + out);
        }
        Files.delete(curlConfig);
        return out.lines().filter(l -> l.toLowerCase().startsWith("docker-content-digest:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no Docker-Content-Digest for " + tag + ": " + out));
    }

    /** docker pull on one engine with the sandbox's login (the CLI's own, not Envboard's). */
    void pull(Sandbox sandbox, Sandbox.Engine engine, String image) {
        sandbox.docker(engine, "--config", dockerConfig.toString(), "pull", "-q", image);
    }

    /**
     * Removes every tag and digest of this registry's demo repository from one engine, by name
     * only: the same content is the sandbox's imported envboard/demo:N, which must stay. The
     * references of {@code keepDigests} stay too: an image a container runs loses its tags one by
     * one until the last, and losing its digest reference that way would hide what it runs.
     */
    void removeImages(Sandbox sandbox, Sandbox.Engine engine, String... keepDigests) {
        List<String> keep = List.of(keepDigests);
        String lines = sandbox.docker(engine, "images", "--digests", "--format",
                "{{.Digest}} {{.Repository}}:{{.Tag}} {{.Repository}}@{{.Digest}}", repository);
        for (String line : lines.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            String[] fields = line.split("\\s+");
            if (keep.contains(fields[0])) {
                continue;
            }
            for (String ref : List.of(fields[1], fields[2])) {
                if (ref.endsWith(":<none>") || ref.endsWith("@<none>")) {
                    continue;
                }
                try {
                    sandbox.docker(engine, "rmi", ref);
                } catch (AssertionError goneOrInUse) {
                    // untagged by the reference before it, or a container still uses it: repoDigests() tells the test
                }
            }
        }
    }

    /** The repository digests the engine knows for its image {@code image} (empty when it does not have it). */
    static List<String> repoDigests(Sandbox sandbox, Sandbox.Engine engine, String image) {
        try {
            String out = sandbox.docker(engine, "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", image);
            return out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (AssertionError notThere) {
            return List.of();
        }
    }
}
