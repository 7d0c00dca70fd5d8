package dev.envboard.ssh;

/**
 * An SSH step that did not work. The message is for the user and always starts with the target,
 * e.g. {@code ssh root@10.254.77.21:22: connection refused}.
 */
public class SshException extends Exception {
    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
