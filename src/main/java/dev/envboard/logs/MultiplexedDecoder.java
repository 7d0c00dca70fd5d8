package dev.envboard.logs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads Docker's multiplexed log stream: each entry is an 8-byte header {@code {stream, 0, 0, 0,
 * size as big-endian uint32}} and then {@code size} bytes. Reads 64 KiB at a time and parses the
 * entries in place (no per-entry object or copy); an entry bigger than the buffer is passed on in
 * pieces. docker-java's own frame callback reads the header byte by byte and re-chunks payloads
 * into 1 KiB frames, which hides where an entry (and so its timestamp) starts.
 */
final class MultiplexedDecoder implements StreamDecoder {
    static final int BUFFER_BYTES = 64 * 1024;
    private static final int HEADER = 8;
    private static final int STDERR = 2;

    private final LineAssembler assembler;
    private final LineBatch batch;

    MultiplexedDecoder(LineAssembler assembler, LineBatch batch) {
        this.assembler = assembler;
        this.batch = batch;
    }

    @Override
    public void pump(InputStream in) throws IOException {
        byte[] buf = new byte[BUFFER_BYTES];
        int end = 0;
        long rest = 0; // bytes still to come of an entry bigger than the buffer
        LineKind restStream = LineKind.STDOUT;
        while (true) {
            int start = 0;
            while (true) {
                int available = end - start;
                if (rest > 0) {
                    int piece = (int) Math.min(rest, available);
                    if (piece == 0) {
                        break;
                    }
                    assembler.continuation(restStream, buf, start, piece);
                    start += piece;
                    rest -= piece;
                    continue;
                }
                if (available < HEADER) {
                    break;
                }
                LineKind stream = buf[start] == STDERR ? LineKind.STDERR : LineKind.STDOUT;
                long size = ((buf[start + 4] & 0xffL) << 24) | ((buf[start + 5] & 0xff) << 16)
                        | ((buf[start + 6] & 0xff) << 8) | (buf[start + 7] & 0xff);
                if (HEADER + size <= available) {
                    assembler.entry(stream, buf, start + HEADER, (int) size);
                    start += HEADER + (int) size;
                } else if (HEADER + size > buf.length && start == 0 && end == buf.length) {
                    // Too big to ever fit: pass on the full buffer (its timestamp surely in it), the rest as it comes.
                    assembler.entry(stream, buf, HEADER, end - HEADER);
                    rest = size - (end - HEADER);
                    restStream = stream;
                    start = end;
                } else {
                    break;
                }
            }
            end -= start;
            if (end > 0 && start > 0) {
                System.arraycopy(buf, start, buf, 0, end);
            }
            batch.flush();
            int read = in.read(buf, end, buf.length - end);
            if (read < 0) {
                return; // an entry cut short by the end of the stream never completes; nothing to keep
            }
            end += read;
        }
    }
}
