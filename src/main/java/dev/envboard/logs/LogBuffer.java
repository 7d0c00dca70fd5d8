package dev.envboard.logs;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The bounded store of lines a log view reads from. Every line gets a sequence number, counting up
 * from 0 and never reused; the buffer holds lines {@code [firstSeq(), endSeq())}, at most
 * {@code capacity} of them and at most {@code byteBudget} bytes of text, and forgets the oldest
 * to make room ({@link #dropped()} counts them).
 *
 * <p>Lines are stored column-wise in chunks of 4096 (UTF-8 text in one byte array, times, kinds,
 * origins in arrays) that are reused as the buffer wraps: about 17 bytes per line besides its
 * text, and no object per line, so ingesting millions of lines makes next to no garbage.
 * {@link #get(long)} builds a {@link LogLine} for the rows a view actually shows.
 *
 * <p>Appends come from several reader threads, a batch at a time under one lock. Reads take no
 * lock: a reader checks after reading that the line was not overwritten meanwhile (the writer
 * moves {@code first} past a line before it reuses its place), so a UI can poll
 * {@link #endSeq()} each frame and fetch the visible rows cheaply.
 */
public final class LogBuffer {
    static final int CHUNK_SHIFT = 12;
    static final int CHUNK_LINES = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_LINES - 1;
    private static final int INITIAL_TEXT_BYTES = 16 * 1024;
    /** A chunk whose text grew beyond this (long lines) gets a fresh array when reused. */
    private static final int KEEP_TEXT_BYTES = 1024 * 1024;
    private static final LineKind[] KINDS = LineKind.values();

    private final int capacity;
    private final long byteBudget;
    private final Chunk[] chunks;
    private final Object appendLock = new Object();
    /** Oldest line held; moved before any place is reused. */
    private volatile long first;
    /** One past the newest line; moved after the lines are written, which publishes them. */
    private volatile long end;
    private long bytesHeld; // under appendLock

    /** One chunk of lines; each array index is a line's place. Written under the lock only. */
    private static final class Chunk {
        final long[] times = new long[CHUNK_LINES];
        final int[] textEnds = new int[CHUNK_LINES];
        final byte[] kinds = new byte[CHUNK_LINES];
        final LogOrigin[] origins = new LogOrigin[CHUNK_LINES];
        byte[] text = new byte[INITIAL_TEXT_BYTES];
        int textLength;
        long baseSeq = -1;

        int start(int index) {
            return index == 0 ? 0 : textEnds[index - 1];
        }
    }

    public LogBuffer(int capacity, long byteBudget) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a log buffer needs room for at least one line, not " + capacity);
        }
        if (byteBudget < 1) {
            throw new IllegalArgumentException("a log buffer needs room for some text, not " + byteBudget + " bytes");
        }
        this.capacity = capacity;
        this.byteBudget = byteBudget;
        // One chunk more than the lines need: a chunk is reused only once all its lines are dropped.
        this.chunks = new Chunk[(capacity + CHUNK_LINES - 1) / CHUNK_LINES + 1];
    }

    public int capacity() {
        return capacity;
    }

    public long byteBudget() {
        return byteBudget;
    }

    /** Sequence number of the oldest line held (equal to {@link #endSeq()} when empty). */
    public long firstSeq() {
        return first;
    }

    /** Sequence number the next line will get: lines {@code [firstSeq(), endSeq())} are held. */
    public long endSeq() {
        return end;
    }

    public int size() {
        long e = end;
        return (int) (e - Math.min(first, e));
    }

    /** Lines forgotten to stay within the bounds. */
    public long dropped() {
        return first;
    }

    /** The line {@code seq}, or null when it was dropped already (or is not there yet). */
    public LogLine get(long seq) {
        if (seq >= end || seq < first) {
            return null;
        }
        Chunk chunk = chunks[slot(seq)];
        int i = (int) (seq & CHUNK_MASK);
        if (chunk == null) {
            return null;
        }
        long base = chunk.baseSeq;
        long time = chunk.times[i];
        int kind = chunk.kinds[i];
        LogOrigin origin = chunk.origins[i];
        int start = chunk.start(i);
        int stop = chunk.textEnds[i];
        byte[] text = chunk.text;
        String decoded = 0 <= start && start <= stop && stop <= text.length
                ? new String(text, start, stop - start, StandardCharsets.UTF_8) : null;
        VarHandle.acquireFence(); // the reads above happen before the check below
        if (seq < first || base != seq - i || decoded == null || kind < 0 || kind >= KINDS.length) {
            return null;
        }
        return new LogLine(origin, KINDS[kind], time, decoded);
    }

    /**
     * Copies line {@code seq}'s text (UTF-8) into {@code into} without building a String: for
     * searching or counting many lines. Returns its length (only {@code into.length} bytes are
     * copied when it is longer), or -1 when the line is not held.
     */
    public int copyText(long seq, byte[] into) {
        if (seq >= end || seq < first) {
            return -1;
        }
        Chunk chunk = chunks[slot(seq)];
        int i = (int) (seq & CHUNK_MASK);
        if (chunk == null) {
            return -1;
        }
        long base = chunk.baseSeq;
        int start = chunk.start(i);
        int stop = chunk.textEnds[i];
        byte[] text = chunk.text;
        boolean sane = 0 <= start && start <= stop && stop <= text.length;
        if (sane) {
            System.arraycopy(text, start, into, 0, Math.min(stop - start, into.length));
        }
        VarHandle.acquireFence();
        if (seq < first || base != seq - i || !sane) {
            return -1;
        }
        return stop - start;
    }

    /** Appends one line (for markers and tests; readers append in batches). */
    public void append(LogLine line) {
        byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
        synchronized (appendLock) {
            long seq = end;
            makeRoom(seq + 1, text.length);
            write(seq, line.origin(), line.kind(), line.timeNanos(), text, 0, text.length);
            end = seq + 1;
        }
    }

    /** Appends a reader's batch, in order, as one step for readers. */
    void append(LineBatch batch) {
        int count = batch.count();
        if (count == 0) {
            return;
        }
        // A batch larger than the whole buffer: its oldest lines are dropped on arrival (kept as empty places).
        int skip = Math.max(0, count - capacity);
        synchronized (appendLock) {
            long start = end;
            makeRoom(start + count, batch.textLength() - batch.start(skip));
            byte[] text = batch.text();
            for (int k = 0; k < count; k++) {
                int from = batch.start(k);
                int length = k < skip ? 0 : batch.end(k) - from;
                write(start + k, batch.origin(), batch.kind(k), batch.time(k), text, from, length);
            }
            end = start + count;
        }
    }

    /** Moves {@code first} so that lines up to {@code newEnd} fit both bounds, counting {@code addedBytes} more text. */
    private void makeRoom(long newEnd, int addedBytes) {
        long f = first;
        long held = bytesHeld + addedBytes;
        long keep = newEnd - capacity;
        long oldEnd = end;
        while (f < keep) {
            held -= f < oldEnd ? length(f) : 0; // a batch's own dropped lines were never counted
            f++;
        }
        while (held > byteBudget && f < oldEnd) {
            held -= length(f);
            f++;
        }
        bytesHeld = held;
        if (f != first) {
            first = f;
            VarHandle.storeStoreFence(); // readers must see `first` move before any place is reused
        }
    }

    private int length(long seq) {
        Chunk chunk = chunks[slot(seq)];
        int i = (int) (seq & CHUNK_MASK);
        return chunk.textEnds[i] - chunk.start(i);
    }

    private void write(long seq, LogOrigin origin, LineKind kind, long time, byte[] text, int from, int length) {
        int slot = slot(seq);
        int i = (int) (seq & CHUNK_MASK);
        Chunk chunk = chunks[slot];
        if (chunk == null) {
            chunk = new Chunk();
            chunks[slot] = chunk;
        }
        if (i == 0 || chunk.baseSeq != seq - i) {
            chunk.baseSeq = seq - i;
            chunk.textLength = 0;
            if (chunk.text.length > KEEP_TEXT_BYTES) {
                chunk.text = new byte[INITIAL_TEXT_BYTES];
            }
        }
        if (chunk.textLength + length > chunk.text.length) {
            byte[] grown = new byte[Math.max(chunk.textLength + length, chunk.text.length * 2)];
            System.arraycopy(chunk.text, 0, grown, 0, chunk.textLength);
            chunk.text = grown; // readers holding the old array still read the old lines intact
        }
        System.arraycopy(text, from, chunk.text, chunk.textLength, length);
        chunk.textLength += length;
        chunk.textEnds[i] = chunk.textLength;
        chunk.times[i] = time;
        chunk.kinds[i] = (byte) kind.ordinal();
        chunk.origins[i] = origin;
    }

    private int slot(long seq) {
        return (int) ((seq >>> CHUNK_SHIFT) % chunks.length);
    }
}
