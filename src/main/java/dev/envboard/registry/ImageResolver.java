package dev.envboard.registry;

/** Asks an image's registry which digest its tag names now. */
public interface ImageResolver {
    /**
     * The digest {@code image}'s tag points to, for the platform of the hosts (a manifest list is
     * resolved to that platform's manifest too).
     *
     * @throws RegistryException unknown tag, refused login, registry unreachable: the message names
     *                           the image, the registry and the reason, never a secret
     */
    ResolvedImage resolve(ImageRef image) throws RegistryException;

    /** Requests sent to registries so far (manifests and tokens), successful or not: what the board's background checks cost. */
    default long requestCount() {
        return 0;
    }
}
