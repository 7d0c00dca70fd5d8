package dev.envboard.registry;

/** A registry could not answer what was asked; the message is meant for the user. */
public class RegistryException extends Exception {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
