package dev.envboard.logs;

import java.time.Instant;

/**
 * One whole log line, without its newline and without Docker's timestamp prefix. Raw text: ANSI
 * escapes are kept (see {@link dev.envboard.logs.ansi.AnsiParser} to style or strip them).
 * Small on purpose (a 32-byte object plus its String): the buffer holds hundreds of thousands.
 *
 * @param timeNanos when the engine received the line, in nanoseconds since the epoch, or {@link #NO_TIME}
 */
public record LogLine(LogOrigin origin, LineKind kind, long timeNanos, String text) {
    public static final long NO_TIME = Long.MIN_VALUE;

    public boolean hasTime() {
        return timeNanos != NO_TIME;
    }

    /** The line's time, or null when the engine gave none. */
    public Instant time() {
        return hasTime() ? Instant.ofEpochSecond(Math.floorDiv(timeNanos, 1_000_000_000L),
                Math.floorMod(timeNanos, 1_000_000_000L)) : null;
    }

    public boolean isMarker() {
        return kind == LineKind.MARKER;
    }
}
