package dev.envboard.registry;

/**
 * A tag resolved in its registry.
 *
 * @param digest         what the tag names: the manifest list's digest where there is one (what
 *                       {@code docker pull image@digest} and Swarm pin to)
 * @param platformDigest the manifest for the hosts' platform inside it (equal to digest for a plain manifest)
 */
public record ResolvedImage(ImageRef image, String digest, String platformDigest) {
    public ImageRef pinned() {
        return image.pinned(digest);
    }
}
