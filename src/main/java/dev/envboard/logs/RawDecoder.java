package dev.envboard.logs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the raw log stream of a container with a TTY: no headers, stdout and stderr as one, each
 * entry's timestamp at the start of its line. (An entry split by the engine mid-line, longer than
 * 16 KiB, keeps its second timestamp inside the text: nothing marks where it starts.)
 */
final class RawDecoder implements StreamDecoder {
    private final LineAssembler assembler;
    private final LineBatch batch;

    RawDecoder(LineAssembler assembler, LineBatch batch) {
        this.assembler = assembler;
        this.batch = batch;
    }

    @Override
    public void pump(InputStream in) throws IOException {
        byte[] buf = new byte[MultiplexedDecoder.BUFFER_BYTES];
        int end = 0;
        boolean midLine = false; // the buffer filled up without a newline: what follows continues that line
        while (true) {
            int start = 0;
            while (start < end) {
                int newline = indexOfNewline(buf, start, end);
                if (newline < 0) {
                    if (start == 0 && end == buf.length) {
                        pass(buf, 0, end, midLine);
                        midLine = true;
                        start = end;
                    }
                    break;
                }
                pass(buf, start, newline + 1 - start, midLine);
                midLine = false;
                start = newline + 1;
            }
            end -= start;
            if (end > 0 && start > 0) {
                System.arraycopy(buf, start, buf, 0, end);
            }
            batch.flush();
            int read = in.read(buf, end, buf.length - end);
            if (read < 0) {
                if (end > 0) {
                    pass(buf, 0, end, midLine); // a last line without its newline
                }
                return;
            }
            end += read;
        }
    }

    private void pass(byte[] buf, int off, int len, boolean continuing) {
        if (continuing) {
            assembler.continuation(LineKind.STDOUT, buf, off, len);
        } else {
            assembler.entry(LineKind.STDOUT, buf, off, len);
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
}
