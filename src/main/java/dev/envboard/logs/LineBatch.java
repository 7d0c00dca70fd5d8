package dev.envboard.logs;

/**
 * One reader's lines on their way into the buffer: collected here (text bytes and a few numbers
 * per line, no objects) and appended a batch at a time, one lock per read from the engine rather
 * than one per line. Flushed before every blocking read, so a quiet container's line shows at once.
 */
final class LineBatch {
    static final int MAX_LINES = 1024;
    static final int TEXT_BYTES = 64 * 1024;
    private static final LineKind[] KINDS = LineKind.values();

    private final LogBuffer buffer;
    private final LogOrigin origin;
    private final long[] times = new long[MAX_LINES];
    private final byte[] kinds = new byte[MAX_LINES];
    private final int[] ends = new int[MAX_LINES];
    private byte[] text = new byte[TEXT_BYTES];
    private int textLength;
    private int count;

    LineBatch(LogBuffer buffer, LogOrigin origin) {
        this.buffer = buffer;
        this.origin = origin;
    }

    void add(LineKind kind, long time, byte[] b, int off, int len) {
        add(kind, time, b, off, len, null);
    }

    /** A line of {@code b[off, off+len)} followed by {@code suffix} (may be null). */
    void add(LineKind kind, long time, byte[] b, int off, int len, byte[] suffix) {
        int total = len + (suffix == null ? 0 : suffix.length);
        if (count == MAX_LINES || textLength + total > text.length) {
            flush();
            if (total > text.length) {
                text = new byte[total]; // one long line; back to the usual size after the flush
            }
        }
        System.arraycopy(b, off, text, textLength, len);
        textLength += len;
        if (suffix != null) {
            System.arraycopy(suffix, 0, text, textLength, suffix.length);
            textLength += suffix.length;
        }
        times[count] = time;
        kinds[count] = (byte) kind.ordinal();
        ends[count] = textLength;
        count++;
    }

    void flush() {
        if (count > 0) {
            buffer.append(this);
        }
        count = 0;
        textLength = 0;
        if (text.length > TEXT_BYTES) {
            text = new byte[TEXT_BYTES];
        }
    }

    LogOrigin origin() {
        return origin;
    }

    int count() {
        return count;
    }

    int textLength() {
        return textLength;
    }

    byte[] text() {
        return text;
    }

    int start(int k) {
        return k == 0 ? 0 : ends[k - 1];
    }

    int end(int k) {
        return ends[k];
    }

    long time(int k) {
        return times[k];
    }

    LineKind kind(int k) {
        return KINDS[kinds[k]];
    }
}
