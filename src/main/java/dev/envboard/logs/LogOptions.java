package dev.envboard.logs;

/**
 * How a log session opens and reads.
 *
 * @param tail         lines to show from before the session started, or {@link #ALL}; the engine
 *                     reads a json-file log backwards for this, so opening a huge log stays fast
 * @param follow       keep reading new lines (and across restarts) until closed; else read the tail and end
 * @param bufferLines  how many lines the session keeps; older ones are dropped (and counted)
 * @param bufferBytes  how much text the session keeps at most, however long the lines
 * @param maxLineBytes longest line kept whole; the rest of a longer line is left out, with a note
 */
public record LogOptions(int tail, boolean follow, int bufferLines, long bufferBytes, int maxLineBytes) {
    public static final int ALL = -1;
    public static final int DEFAULT_TAIL = 1000;
    public static final int DEFAULT_BUFFER_LINES = 200_000;
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
    public static final long DEFAULT_BUFFER_BYTES = 128L * 1024 * 1024;

    public LogOptions {
        if (tail < ALL) {
            throw new IllegalArgumentException("tail is a number of lines or ALL, not " + tail);
        }
        if (bufferLines < 1) {
            throw new IllegalArgumentException("the buffer needs room for at least one line, not " + bufferLines);
        }
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("keep at least 1 KiB of a line, not " + maxLineBytes);
        }
        if (bufferBytes < 2L * maxLineBytes + LineBatch.TEXT_BYTES) {
            throw new IllegalArgumentException("a buffer of " + bufferBytes + " bytes cannot hold two lines of " + maxLineBytes);
        }
    }

    /** What a log view opens with: the last 1000 lines, then follow; 200 000 lines (128 MiB) kept; 1 MiB per line. */
    public static LogOptions defaults() {
        return new LogOptions(DEFAULT_TAIL, true, DEFAULT_BUFFER_LINES, DEFAULT_BUFFER_BYTES, DEFAULT_MAX_LINE_BYTES);
    }

    public LogOptions withTail(int lines) {
        return new LogOptions(lines, follow, bufferLines, bufferBytes, maxLineBytes);
    }

    public LogOptions withFollow(boolean on) {
        return new LogOptions(tail, on, bufferLines, bufferBytes, maxLineBytes);
    }

    public LogOptions withBufferLines(int lines) {
        return new LogOptions(tail, follow, lines, bufferBytes, maxLineBytes);
    }

    public LogOptions withBufferBytes(long bytes) {
        return new LogOptions(tail, follow, bufferLines, bytes, maxLineBytes);
    }

    public LogOptions withMaxLineBytes(int bytes) {
        return new LogOptions(tail, follow, bufferLines, bufferBytes, bytes);
    }
}
