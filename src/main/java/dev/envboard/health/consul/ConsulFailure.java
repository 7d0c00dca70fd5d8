package dev.envboard.health.consul;

/** A Consul call that gave no answer to use, sorted by what the user should do about it. */
public final class ConsulFailure extends Exception {
    public enum Kind {
        /** No usable answer: refused, timed out, broken, or an error status other than 403. */
        UNREACHABLE,
        /** The token was refused (403) or could not be read. */
        UNAUTHORIZED
    }

    private final Kind kind;

    public ConsulFailure(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
