package dev.envboard.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** Collects a remote stream up to a limit and drops the rest: a runaway command cannot fill the heap. */
final class BoundedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;
    private boolean cut;

    BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = limit - bytes.size();
        if (len > room) {
            cut = true;
        }
        bytes.write(b, off, Math.max(0, Math.min(len, room)));
    }

    synchronized byte[] toByteArray() {
        return bytes.toByteArray();
    }

    synchronized boolean cut() {
        return cut;
    }
}
