package dev.envboard.pool.label;

/**
 * A label change that did not happen (or was rolled back). The message is for the user: it says
 * what went wrong on which host, and what state the host was left in.
 */
public class LabelChangeException extends Exception {
    public LabelChangeException(String message) {
        super(message);
    }

    public LabelChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
