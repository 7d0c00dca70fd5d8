package dev.envboard.deploy;

/**
 * How far the pre-pull of one image on one host is. Layers the host already had count as done.
 *
 * @param host           the host's display name
 * @param image          what is pulled ({@code name@digest}, or {@code name:tag} for pull policy missing)
 * @param bytesDone      downloaded so far, over the layers whose size the engine announced
 * @param bytesTotal     the size of those layers (grows while the engine announces more)
 * @param finished       the pull ended (successfully or not): the last report for this host and image
 * @param error          why it failed, or null
 * @param alreadyPresent the host had exactly this digest, so nothing was pulled (then also finished)
 */
public record PullProgress(String host, String image, int layersDone, int layersTotal, long bytesDone, long bytesTotal,
                           boolean finished, String error, boolean alreadyPresent) {

    public PullProgress(String host, String image, int layersDone, int layersTotal, long bytesDone, long bytesTotal,
                        boolean finished, String error) {
        this(host, image, layersDone, layersTotal, bytesDone, bytesTotal, finished, error, false);
    }

    /** The only report for a host that has the pinned image already. */
    public static PullProgress alreadyPresent(String host, String image) {
        return new PullProgress(host, image, 0, 0, 0, 0, true, null, true);
    }

    /** One line for people: {@code envboard-host-1: reg/envboard/demo@sha256:ab… 2/3 layers, 1.2/3.4 MB}. */
    public String describe() {
        if (alreadyPresent) {
            return host + ": already present " + image;
        }
        String state = error != null ? "failed: " + error : finished ? "pulled" : "pulling";
        return host + ": " + state + " " + image + " (" + layersDone + "/" + layersTotal + " layers, "
                + megabytes(bytesDone) + "/" + megabytes(bytesTotal) + " MB)";
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1_000_000.0);
    }
}
