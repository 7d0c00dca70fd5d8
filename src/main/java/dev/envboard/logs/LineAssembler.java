package dev.envboard.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the engine's log entries into whole lines. Docker's json-file driver splits a line longer
 * than 16 KiB into entries without a newline, each with its own timestamp, and the API sends
 * them as such: they are joined here per stream (stdout and stderr each have their own partial
 * line), the line taking the time of its first piece. A line is kept up to {@code maxLineBytes};
 * the rest is counted and left out, with a note at the end of the line.
 *
 * <p>Entries the {@link ResumePoint} has already seen (after a re-attach) are skipped whole.
 * Not thread-safe: one per reader thread.
 */
final class LineAssembler {
    /** Pending buffers that grew beyond this for one long line are let go after it. */
    private static final int KEEP_PENDING_BYTES = 64 * 1024;

    private final boolean timestamps;
    private final int maxLineBytes;
    private final ResumePoint resume;
    private final LineBatch batch;
    private final Pending stdout = new Pending();
    private final Pending stderr = new Pending();
    private boolean skippingEntry;

    LineAssembler(boolean timestamps, int maxLineBytes, ResumePoint resume, LineBatch batch) {
        this.timestamps = timestamps;
        this.maxLineBytes = maxLineBytes;
        this.resume = resume;
        this.batch = batch;
    }

    /** One log entry as the engine sent it: {@code [timestamp SP] text}, ending with a newline unless partial. */
    void entry(LineKind stream, byte[] b, int off, int len) {
        int end = off + len;
        long time = LogLine.NO_TIME;
        int textStart = off;
        if (timestamps) {
            int start = LogTimestamps.textStart(b, off, end);
            if (start > off) {
                time = LogTimestamps.parse(b, off, start - 1);
                if (time != LogLine.NO_TIME) {
                    textStart = start;
                }
            }
        }
        skippingEntry = !resume.admit(time);
        if (!skippingEntry) {
            text(stream, time, b, textStart, end);
        }
    }

    /** More text of the previous entry, which was too big to arrive in one piece. */
    void continuation(LineKind stream, byte[] b, int off, int len) {
        if (!skippingEntry) {
            text(stream, LogLine.NO_TIME, b, off, off + len);
        }
    }

    /** The container's run ended: what is left of a line will never get its newline. */
    void flushPartials() {
        if (stdout.holdsText()) {
            emit(LineKind.STDOUT, stdout);
        }
        if (stderr.holdsText()) {
            emit(LineKind.STDERR, stderr);
        }
    }

    private void text(LineKind stream, long time, byte[] b, int off, int end) {
        Pending pending = stream == LineKind.STDERR ? stderr : stdout;
        int i = off;
        while (i < end) {
            int newline = indexOfNewline(b, i, end);
            if (newline < 0) {
                pending.add(b, i, end, time, maxLineBytes);
                return;
            }
            if (pending.holdsText()) {
                pending.add(b, i, newline, time, maxLineBytes);
                emit(stream, pending);
            } else {
                emit(stream, time, b, i, newline);
            }
            i = newline + 1;
        }
    }

    private static int indexOfNewline(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void emit(LineKind stream, long time, byte[] b, int off, int end) {
        if (end > off && b[end - 1] == '\r') {
            end--;
        }
        int length = end - off;
        if (length <= maxLineBytes) {
            batch.add(stream, time, b, off, length);
        } else {
            batch.add(stream, time, b, off, maxLineBytes, cutNote(length - maxLineBytes));
        }
    }

    private void emit(LineKind stream, Pending pending) {
        int length = pending.length;
        if (pending.dropped == 0 && length > 0 && pending.bytes[length - 1] == '\r') {
            length--;
        }
        batch.add(stream, pending.time, pending.bytes, 0, length, pending.dropped > 0 ? cutNote(pending.dropped) : null);
        pending.clear();
    }

    private byte[] cutNote(long leftOut) {
        return (" [envboard: line cut after " + maxLineBytes + " bytes, " + leftOut + " more bytes left out]")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The start of a line still waiting for its newline. */
    private static final class Pending {
        byte[] bytes = new byte[0];
        int length;
        long dropped;
        long time = LogLine.NO_TIME;

        boolean holdsText() {
            return length > 0 || dropped > 0;
        }

        void add(byte[] b, int off, int end, long entryTime, int max) {
            if (!holdsText()) {
                time = entryTime;
            }
            int take = Math.min(end - off, max - length);
            if (length + take > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(length + take, Math.max(256, bytes.length * 2))));
            }
            System.arraycopy(b, off, bytes, length, take);
            length += take;
            dropped += (end - off) - take;
        }

        void clear() {
            length = 0;
            dropped = 0;
            time = LogLine.NO_TIME;
            if (bytes.length > KEEP_PENDING_BYTES) {
                bytes = new byte[0];
            }
        }
    }
}
