package dev.envboard.logs;

/** The engine refused a log request; {@code status} is its HTTP status. */
final class LogStreamException extends RuntimeException {
    private final int status;

    LogStreamException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    boolean isNotFound() {
        return status == 404;
    }

    /** Asking again will not help: a bad request, or a log driver without read support (501). */
    boolean isPermanent() {
        return status >= 400 && status < 500 || status == 501;
    }
}
