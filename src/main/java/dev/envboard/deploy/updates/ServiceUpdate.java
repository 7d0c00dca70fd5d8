package dev.envboard.deploy.updates;

import java.util.List;
import java.util.Map;

/**
 * One service's update check.
 *
 * @param image          the image as the stack writes it now
 * @param running        the digest each host runs, by host display name (null: the host runs it without a known digest)
 * @param registryDigest what the tag names in its registry now; null when it was not asked or did not answer
 * @param reason         why UNKNOWN or NOT_CHECKED; for the others a note (e.g. hosts that differ), or null
 * @param registryFailed UNKNOWN because the registry could not be asked or refused (not because nothing runs)
 */
public record ServiceUpdate(String service, String image, UpdateState state, Map<String, String> running,
                            String registryDigest, String reason, boolean registryFailed) {

    public ServiceUpdate {
        running = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(running));
    }

    static ServiceUpdate notChecked(String service, String image, String reason) {
        return new ServiceUpdate(service, image, UpdateState.NOT_CHECKED, Map.of(), null, reason, false);
    }

    static ServiceUpdate unknown(String service, String image, Map<String, String> running, String reason, boolean registryFailed) {
        return new ServiceUpdate(service, image, UpdateState.UNKNOWN, running, null, reason, registryFailed);
    }

    /** The digests run now, each once, in host order. */
    public List<String> runningDigests() {
        return running.values().stream().filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** e.g. "web 10.254.77.1:5443/envboard/demo:latest sha256:ab12… → sha256:cd34…". */
    public String describe() {
        return switch (state) {
            case UPDATE_AVAILABLE -> service + " " + image + " " + String.join(", ", runningDigests().stream().map(ServiceUpdate::shortDigest).toList())
                    + " → " + shortDigest(registryDigest) + (reason == null ? "" : " (" + reason + ")");
            case UP_TO_DATE -> service + " " + image + " " + shortDigest(registryDigest) + " up to date";
            case UNKNOWN -> service + " " + image + ": unknown: " + reason;
            case NOT_CHECKED -> service + " " + image + ": not checked: " + reason;
        };
    }

    /** {@code sha256:} and the first 12 hex digits, as docker shows image IDs. */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return "(no digest)";
        }
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }
}
