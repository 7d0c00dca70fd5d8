package dev.envboard.docker;

/** Envboard will not connect to this endpoint as configured (e.g. a TLS file is missing). */
public class EndpointRefusedException extends RuntimeException {
    public EndpointRefusedException(String message) {
        super(message);
    }

    public EndpointRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
