package dev.envboard.ui.common;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Holds the background work of what the window does not need for its first look (health, deploys,
 * demos, the audit panel) until {@link #open()}: on two cores, their TLS handshakes and JSON
 * parsing would otherwise slow the first frame and the board's first hosts. After opening, work
 * passes straight through.
 */
public final class StartGate {
    /** More held tasks than the window ever queues at start: past it, work runs at once rather than pile up. */
    static final int MAX_HELD = 256;

    private final Queue<Runnable> held = new ArrayDeque<>();
    private boolean open;

    /** {@code delegate}, but holding tasks while the gate is closed. */
    public Executor holding(Executor delegate) {
        return task -> {
            synchronized (held) {
                if (!open && held.size() < MAX_HELD) {
                    held.add(() -> delegate.execute(task));
                    return;
                }
            }
            delegate.execute(task);
        };
    }

    /** Lets the held work go, in the order it came; later work is not held. Idempotent. */
    public void open() {
        Queue<Runnable> release;
        synchronized (held) {
            if (open) {
                return;
            }
            open = true;
            release = new ArrayDeque<>(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    public boolean isOpen() {
        synchronized (held) {
            return open;
        }
    }
}
