package dev.envboard.deploy.updates;

/** Whether a service's tag names the digest it runs. */
public enum UpdateState {
    /** Every host runs the digest the tag names now. */
    UP_TO_DATE,
    /** The tag names another digest than (some host) runs: a redeploy would bring it. */
    UPDATE_AVAILABLE,
    /** Could not tell: the registry did not answer, the login was refused, nothing runs... (the reason says). */
    UNKNOWN,
    /** Not asked on purpose: pinned by digest, or pull_policy never (no registry to ask). */
    NOT_CHECKED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
