package dev.envboard.registry;

import java.util.regex.Pattern;

/**
 * An image reference as Docker reads it: {@code [registry/]repository[:tag][@digest]}. A first
 * path part with a dot, a colon or {@code localhost} is a registry; without one the image is on
 * Docker Hub ({@code docker.io}, one-part names under {@code library/}).
 *
 * @param registry   host[:port], e.g. {@code 10.254.77.1:5443} or {@code docker.io}
 * @param repository e.g. {@code envboard/demo}
 * @param tag        null when the reference names only a digest; {@code latest} when it names neither
 * @param digest     {@code sha256:...}, or null
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's other names, which docker reads as docker.io. */
    private static final String DOCKER_HUB_INDEX = "index.docker.io";
    private static final int SHA256_LENGTH = "sha256:".length() + 64;
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    /** Reads {@code text} as Docker does; the message of the exception says what is wrong with it. */
    public static ImageRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty image name");
        }
        String rest = text.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches() || digest.startsWith("sha256:") && digest.length() != SHA256_LENGTH) {
                throw new IllegalArgumentException("image " + text + ": " + digest + " is not a digest (sha256:<64 hex digits>)");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("image " + text + ": \"" + tag + "\" is not a valid tag");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.equals(DOCKER_HUB_INDEX) ? DOCKER_HUB : first;
                rest = rest.substring(slash + 1);
            }
        }
        if (!PATH.matcher(rest).matches()) {
            throw new IllegalArgumentException("image " + text + ": \"" + rest + "\" is not a valid repository name (lower case, digits, . _ -)");
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /** The same image fixed to {@code digest}: {@code registry/repository@digest}, tag kept for display. */
    public ImageRef pinned(String newDigest) {
        return new ImageRef(registry, repository, tag, newDigest);
    }

    /** What an engine pulls or runs: {@code registry/repository@digest} when pinned, else with the tag. */
    public String reference() {
        String name = registry.equals(DOCKER_HUB) ? repository : registry + "/" + repository;
        return digest != null ? name + "@" + digest : name + ":" + tag;
    }

    /** The repository as written with its registry, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        String name = registry.equals(DOCKER_HUB) ? repository : registry + "/" + repository;
        return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
