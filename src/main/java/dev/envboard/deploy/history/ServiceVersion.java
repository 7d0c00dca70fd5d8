package dev.envboard.deploy.history;

/**
 * Which image a service ran before a redeploy and which it runs after, for the deploy record and
 * for "old → new". Old records have none; any field may be null where it was not known.
 *
 * @param image          the image as the stack names it, with its tag (e.g. {@code reg:5000/shop/web:1.4.3})
 * @param digest         the manifest digest the tag was resolved to and the service was pinned to;
 *                       null when the run did not ask the registry (pull policy missing or never)
 * @param pull           the pull policy the run applied to the service: always, missing or never
 * @param previousImage  what the engines ran before, as they name it (tag, or repository@digest)
 * @param previousDigest the digest that ran before, where the engines know it
 */
public record ServiceVersion(String image, String digest, String pull, String previousImage, String previousDigest) {
    private static final int SHORT_DIGEST = 12;

    /** Whether the digest running before is the one deployed now (nothing new was shipped). */
    public boolean unchanged() {
        return digest != null && digest.equals(previousDigest);
    }

    /**
     * One line: {@code web: envboard/demo:1 sha256:ab12… → envboard/demo:2 sha256:cd34…},
     * {@code web: unchanged (envboard/demo:2 sha256:cd34…)}, or with "not running" before; a service
     * that was not resolved (pull policy missing or never) says so instead of a digest.
     */
    public String describe(String service) {
        String now = version(image, digest);
        if (unchanged()) {
            return service + ": unchanged (" + now + ")";
        }
        String before = previousImage == null && previousDigest == null ? "not running" : version(previousImage, previousDigest);
        String how = digest != null || pull == null ? ""
                : " (pull policy " + pull + ": the image each host has" + ("missing".equals(pull) ? ", pulled where lacking)" : ")");
        return service + ": " + before + " → " + now + how;
    }

    private static String version(String image, String digest) {
        String name = image == null ? "" : stripDigest(image);
        return digest == null ? name : (name + " " + shortDigest(digest)).trim();
    }

    private static String stripDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    /** {@code sha256:} and the first 12 hex digits, as docker prints image ids. */
    public static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon < 0 ? digest : digest.substring(colon + 1);
        String algorithm = colon < 0 ? "" : digest.substring(0, colon + 1);
        return hex.length() <= SHORT_DIGEST ? digest : algorithm + hex.substring(0, SHORT_DIGEST) + "…";
    }
}
