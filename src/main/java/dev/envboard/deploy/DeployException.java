package dev.envboard.deploy;

/** A redeploy that stopped: the message says why and in what state the environment was left. */
public class DeployException extends Exception {
    private final boolean cancelled;

    public DeployException(String message) {
        this(message, false);
    }

    public DeployException(String message, boolean cancelled) {
        super(message);
        this.cancelled = cancelled;
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
        this.cancelled = false;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
