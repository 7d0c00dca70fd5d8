package dev.envboard.health;

import java.util.Locale;

/** Whether a pool's Consul answers: only OK makes a snapshot's statuses current. */
public enum ConsulState {
    /** Not answered yet. */
    CONNECTING,
    /** Every watch has its latest answer. */
    OK,
    /** No answer (refused, timed out, broken answer, or an error status other than 403): retrying with backoff. */
    UNREACHABLE,
    /** The token was refused (403: ACL not found, permission denied) or could not be read: retrying with backoff. */
    UNAUTHORIZED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
