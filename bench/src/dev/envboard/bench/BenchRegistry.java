package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /** The manifest digest {@code tag} names, from the registry's own answer (asked with curl, not through Envboard). */
    String digest(String tag) throws IOException, InterruptedException {
        try {
            return registry.manifestDigest(tag);
        } catch (AssertionError e) {
            throw new BenchFailure(e.getMessage(), e);
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
        registry.removeReferences(sandbox, engine, found -> digest == null || digest.equals(found));
    }
}
