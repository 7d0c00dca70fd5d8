package dev.envboard.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the user must hear of although it is not the answer to what they asked: a record that
 * could not be written, corrupt lines skipped while reading, window state not saved. Services
 * report here; the window shows it in its status bar, the command line on stderr (and exits
 * non-zero after a failed write). Listeners run on the reporting thread.
 */
public final class Notices {
    /** Kept for a listener that subscribes late (the window opens after the first reads). */
    static final int BACKLOG = 20;

    public enum Kind {
        /** Something that should now be on disk is not. */
        WRITE_FAILED,
        /** A file was read, but some of it could not be. */
        READ_PROBLEM,
        /**
         * What is kept in the pool for other Envboards (a deploy record) could not be written there:
         * what was asked for is done and recorded here, but colleagues do not see it. Not a write
         * failure: the command line's exit status stays.
         */
        NOT_SHARED
    }

    public record Notice(Kind kind, String text) {
        public Notice {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(text);
        }

        public boolean isWriteFailure() {
            return kind == Kind.WRITE_FAILED;
        }
    }

    private final Deque<Notice> backlog = new ArrayDeque<>();
    private final List<Consumer<Notice>> listeners = new ArrayList<>();

    public synchronized void report(Kind kind, String text) {
        Notice notice = new Notice(kind, text);
        if (backlog.size() == BACKLOG) {
            backlog.removeFirst();
        }
        backlog.addLast(notice);
        // Under the lock, so that a listener hears the backlog and then every notice, each once, in order.
        listeners.forEach(listener -> listener.accept(notice));
    }

    /** The listener first hears what was reported before it came (at most the last {@value #BACKLOG}). */
    public synchronized void addListener(Consumer<Notice> listener) {
        backlog.forEach(listener);
        listeners.add(listener);
    }

    public synchronized void removeListener(Consumer<Notice> listener) {
        listeners.remove(listener);
    }

    public synchronized List<Notice> recent() {
        return List.copyOf(backlog);
    }
}
