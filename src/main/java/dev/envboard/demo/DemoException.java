package dev.envboard.demo;

/** A demo operation that did not happen; {@link #refused()} when it was refused before anything changed. */
public final class DemoException extends Exception {
    private final boolean refused;

    public DemoException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
        this.refused = false;
    }

    public boolean refused() {
        return refused;
    }
}
