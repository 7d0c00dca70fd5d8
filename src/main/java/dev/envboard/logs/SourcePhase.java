package dev.envboard.logs;

/** Where following one container stands. */
public enum SourcePhase {
    /** Asking the engine for the container and its log. */
    CONNECTING,
    /** Reading the tail without following (the session was opened with {@code follow=false}). */
    READING,
    /** Attached: new lines arrive as the container prints them. */
    FOLLOWING,
    /** The container stopped; it is still there, so its log goes on when it runs again. */
    WAITING_FOR_RESTART,
    /** The stream or the engine failed; trying again, with growing pauses. The message says why. */
    RECONNECTING,
    /** Done: the tail was read (no follow), or the container was removed. */
    ENDED,
    /** Gave up; the message says why (no such container, a log driver that cannot be read…). */
    FAILED,
    /** The session was closed. */
    CLOSED;

    /** No more lines will come from this source. */
    public boolean isFinal() {
        return this == ENDED || this == FAILED || this == CLOSED;
    }
}
