package dev.envboard.logs;

import dev.envboard.runtime.OffFxThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Following one or more containers into one {@link LogBuffer}: one reader thread per container
 * (named {@code envboard-log-LABEL}, daemon). A view polls {@link #buffer()} (e.g. each frame) and
 * shows each source's {@link LogSource#state()}. {@link #close()} ends every stream and thread.
 */
public final class LogSession implements AutoCloseable {
    private static final long CLOSE_WAIT_MS = 5_000;

    private final LogBuffer buffer;
    private final List<LogSource> sources;
    private final List<SourceFollower> followers;
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    LogSession(LogBuffer buffer, List<LogSource> sources, List<SourceFollower> followers) {
        this.buffer = buffer;
        this.sources = List.copyOf(sources);
        this.followers = List.copyOf(followers);
    }

    synchronized void start() {
        for (int i = 0; i < followers.size(); i++) {
            Thread thread = new Thread(followers.get(i), "envboard-log-" + sources.get(i).label());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    public LogBuffer buffer() {
        return buffer;
    }

    /** In colour-index order. */
    public List<LogSource> sources() {
        return sources;
    }

    /** Every source has ended, failed or been closed: no line will come any more. */
    public boolean isFinished() {
        return sources.stream().allMatch(s -> s.state().isFinal());
    }

    /** Waits until every reader thread is done (for a session without follow); false on timeout. */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread thread : threadsSnapshot()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedJoin(thread, left);
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** The reader threads, for checking that none outlives the session. */
    public List<Thread> threads() {
        return threadsSnapshot();
    }

    private synchronized List<Thread> threadsSnapshot() {
        return List.copyOf(threads);
    }

    /** Closes every stream and waits (boundedly) for the reader threads to end. */
    @Override
    public void close() {
        OffFxThread.check("LogSession.close");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        followers.forEach(SourceFollower::close);
        try {
            awaitFinished(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
