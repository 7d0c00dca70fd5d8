package dev.envboard.deploy;

import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

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
    final Path dockerConfig;
    public final String repository;
    private final Sandbox.Registry registry;

    private SandboxRegistry(Sandbox.Registry registry) {
        this.registry = registry;
        address = registry.address();
        user = registry.user();
        password = registry.password();
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

    /** The manifest digest {@code tag} names, from the registry's own answer (asked with curl, not through Envboard). */
    public String digest(String tag) throws IOException, InterruptedException {
        return registry.manifestDigest(tag);
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
        registry.removeReferences(sandbox, engine, digest -> !keep.contains(digest));
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
