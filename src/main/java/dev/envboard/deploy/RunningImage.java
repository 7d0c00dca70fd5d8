package dev.envboard.deploy;

/**
 * What an engine runs for a service before a redeploy replaces it.
 *
 * @param image  as the deployment named it (with its tag where known)
 * @param digest the manifest digest it runs, or null where the engine cannot say (an imported image)
 */
public record RunningImage(String image, String digest) {
    /** Reads {@code name:tag@digest} / {@code name@digest} / {@code name:tag}, as Swarm and containers keep it. */
    public static RunningImage of(String reference, String writtenImage) {
        if (reference == null) {
            return new RunningImage(writtenImage, null);
        }
        int at = reference.indexOf('@');
        String digest = at < 0 ? null : reference.substring(at + 1);
        String name = at < 0 ? reference : reference.substring(0, at);
        return new RunningImage(writtenImage != null ? writtenImage : name, digest);
    }
}
