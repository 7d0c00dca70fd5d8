package dev.envboard.logs;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Builds log response bodies as the engine sends them, for the decoder tests. */
final class DockerStreams {
    static final String T0 = "2024-05-01T12:34:56.000000001Z";
    static final long T0_NANOS = 1_714_566_896_000_000_001L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** One multiplexed entry: header, then {@code timestamp SP text}. */
    DockerStreams entry(int stream, String timestamp, String text) {
        byte[] payload = (timestamp + " " + text).getBytes(StandardCharsets.UTF_8);
        bytes.write(stream);
        bytes.write(0);
        bytes.write(0);
        bytes.write(0);
        bytes.write(payload.length >>> 24);
        bytes.write(payload.length >>> 16);
        bytes.write(payload.length >>> 8);
        bytes.write(payload.length);
        bytes.writeBytes(payload);
        return this;
    }

    DockerStreams stdout(String timestamp, String text) {
        return entry(1, timestamp, text);
    }

    DockerStreams stderr(String timestamp, String text) {
        return entry(2, timestamp, text);
    }

    /** Raw bytes (a TTY container's stream). */
    DockerStreams raw(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** The body, handed out a few bytes per read, as a slow network would: headers and entries split anywhere. */
    InputStream trickle(int maxPerRead) {
        byte[] all = bytes();
        return new InputStream() {
            private int pos;
            private int turn;

            @Override
            public int read() {
                return pos < all.length ? all[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= all.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + turn++ % maxPerRead), all.length - pos);
                System.arraycopy(all, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** Docker's timestamp {@code nanos} after {@link #T0}. */
    static String at(long nanos) {
        return LogTimestamps.format(T0_NANOS + nanos);
    }
}
