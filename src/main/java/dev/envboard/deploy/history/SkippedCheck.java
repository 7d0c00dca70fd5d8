package dev.envboard.deploy.history;

/**
 * A validation check that could not run, so it neither passed nor failed: a redeploy goes past it
 * only when the user accepted it (and the record lists it either way).
 *
 * @param check    what was not checked, e.g. "images envboard/demo:1"
 * @param hostKey  the host it concerns, as {@code HostKey.asText()}: what acceptance is matched on
 * @param host     the host's display name
 * @param reason   why it could not run
 * @param accepted whether the user accepted going ahead without it
 */
public record SkippedCheck(String check, String hostKey, String host, String reason, boolean accepted) {

    public static SkippedCheck of(String check, String hostKey, String host, String reason) {
        return new SkippedCheck(check, hostKey, host, reason, false);
    }

    /** The same check on the same host; the reason and the acceptance may differ. */
    public boolean sameAs(SkippedCheck other) {
        return check.equals(other.check) && hostKey.equals(other.hostKey);
    }

    public SkippedCheck accept() {
        return new SkippedCheck(check, hostKey, host, reason, true);
    }

    /** One line for people: what, where, why. */
    public String describe() {
        return check + " not checked on " + host + ": " + reason + (accepted ? " (accepted)" : "");
    }
}
