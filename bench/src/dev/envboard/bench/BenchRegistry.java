package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's private registry as the registry benchmark needs it: the digest a tag names (asked
 * with curl, not through Envboard) and an engine's references to the registry's images removed by
 * name (the same content stays as the imported envboard/demo:N, so what is removed is only what
 * makes a pull unnecessary).
 */
final class BenchRegistry {
    private final Sandbox.Registry registry;

    BenchRegistry(Sandbox sandbox) {
        registry = sandbox.registry();
    }

    String image(String tag) {
        return registry.image(tag);
    }

    /** The docker config dir logged in to the registry (for the CLI's --config and the pools' registry-config:). */
    Path dockerConfig() {
        return registry.dockerConfig();
    }

    /** The manifest digest {@code tag} names, from the registry's own answer (Docker-Content-Digest). */
    String digest(String tag) throws IOException, InterruptedException {
        Path curlConfig = Files.createTempFile("envboard-bench-curl", ".conf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(curlConfig, "user = \"" + registry.user() + ":" + registry.password() + "\"\n");
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "-I", "--max-time", "30", "--cacert", registry.ca().toString(),
                    "-K", curlConfig.toString()));
            for (String type : List.of("application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.index.v1+json",
                    "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json")) {
                command.addAll(List.of("-H", "Accept: " + type));
            }
            String path = registry.image().substring(registry.address().length() + 1);
            command.add("https://" + registry.address() + "/v2/" + path + "/manifests/" + tag);
            Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!curl.waitFor(40, TimeUnit.SECONDS) || curl.exitValue() != 0) {
                throw new BenchFailure("curl of the manifest of " + image(tag) + " failed: " + out);
            }
            return out.lines().filter(l -> l.toLowerCase().startsWith("docker-content-digest:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElseThrow(() -> new BenchFailure("no Docker-Content-Digest for " + image(tag) + ": " + out));
        } finally {
            Files.deleteIfExists(curlConfig);
        }
    }

    /** The registry's digests the engine holds a reference to ({@code REPO@DIGEST} or a tag of it). */
    List<String> digestsOn(Sandbox sandbox, Sandbox.Engine engine) {
        return sandbox.docker(engine, "images", "--digests", "--format", "{{.Digest}}", registry.image()).lines()
                .map(String::trim).filter(l -> l.startsWith("sha256:")).distinct().toList();
    }

    /**
     * Removes, by name, every reference of one engine to the registry's image {@code digest} (its
     * tags and {@code REPO@DIGEST}); or to every digest of the repository when {@code digest} is null.
     */
    void removeReferences(Sandbox sandbox, Sandbox.Engine engine, String digest) {
        String lines = sandbox.docker(engine, "images", "--digests", "--format",
                "{{.Digest}} {{.Repository}}:{{.Tag}} {{.Repository}}@{{.Digest}}", registry.image());
        for (String line : lines.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
            String[] fields = line.split("\\s+");
            if (digest != null && !digest.equals(fields[0])) {
                continue;
            }
            for (String ref : List.of(fields[1], fields[2])) {
                if (ref.endsWith(":<none>") || ref.endsWith("@<none>")) {
                    continue;
                }
                try {
                    sandbox.docker(engine, "rmi", ref);
                } catch (AssertionError gone) {
                    // untagged with the reference before it; digestsOn tells the caller what is left
                }
            }
        }
    }
}
