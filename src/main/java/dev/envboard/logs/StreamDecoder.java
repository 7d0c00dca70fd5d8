package dev.envboard.logs;

import java.io.IOException;
import java.io.InputStream;

/** Reads a log response body to its end, handing entries to a {@link LineAssembler}. */
interface StreamDecoder {
    /** Flushes its lines before every blocking read; returns at the end of the stream. */
    void pump(InputStream in) throws IOException;

    /** Docker's multiplexed stream (containers without a TTY), or the raw one (with a TTY). */
    static StreamDecoder of(boolean tty, LineAssembler assembler, LineBatch batch) {
        return tty ? new RawDecoder(assembler, batch) : new MultiplexedDecoder(assembler, batch);
    }
}
