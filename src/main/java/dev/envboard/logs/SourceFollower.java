package dev.envboard.logs;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows one container on its own thread: opens its log at the tail, reads it into the buffer,
 * and when the stream ends works out why. A container that runs again (a restart) is re-attached
 * with {@code since=} the last entry seen, skipping what was already read, so nothing is lost or
 * repeated; one that stopped is waited for (polling, growing to once a second); one that is gone
 * ends the source. Every problem becomes a marker line and the source's state.
 */
final class SourceFollower implements Runnable {
    static final String REATTACHED = "— envboard: re-attached after a restart —";
    static final String STOPPED = "— envboard: the container stopped; waiting for it to run again —";
    static final String REMOVED = "— envboard: the container was removed —";
    private static final long FIRST_POLL_MS = 100;
    private static final long MAX_POLL_MS = 1000;
    private static final long FIRST_RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 30_000;

    private final LogSource source;
    private final ContainerRef container;
    private final LogOptions options;
    private final DockerClients clients;
    private final Clock clock;
    private final LineBatch batch;
    private final ResumePoint resume = new ResumePoint();
    private final LineAssembler assembler;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object streamLock = new Object();
    private EngineLogStream current;
    // Only the follower's own thread touches these:
    private String problem;
    private long retryMs = FIRST_RETRY_MS;
    private long pollMs = FIRST_POLL_MS;

    /** What the engine says about the container before each attach. */
    private record Run(boolean running, String startedAt, boolean tty, String status) {
        static Run of(InspectContainerResponse inspect) {
            InspectContainerResponse.ContainerState state = inspect.getState();
            boolean tty = inspect.getConfig() != null && Boolean.TRUE.equals(inspect.getConfig().getTty());
            return new Run(state != null && Boolean.TRUE.equals(state.getRunning()), state == null ? null : state.getStartedAt(),
                    tty, state == null ? "unknown" : state.getStatus());
        }
    }

    SourceFollower(LogSource source, LogOptions options, DockerClients clients, LogBuffer buffer, Clock clock) {
        this.source = source;
        this.container = source.container();
        this.options = options;
        this.clients = clients;
        this.clock = clock;
        this.batch = new LineBatch(buffer, source.origin());
        this.assembler = new LineAssembler(true, options.maxLineBytes(), resume, batch);
    }

    @Override
    public void run() {
        try {
            follow();
        } catch (RuntimeException e) {
            if (!isClosing()) {
                fail("stopped following: " + DockerErrors.describe(e));
            }
        } finally {
            batch.flush();
            if (isClosing() && !source.state().isFinal()) {
                source.state(SourcePhase.CLOSED, null);
            }
        }
    }

    private void follow() {
        boolean attached = false;       // a stream was opened once: what comes next is a re-attach
        boolean emptyLogRead = false;   // read to its end without a single entry: all that comes later is new
        boolean endedCleanly = false;   // the last stream reached its end (rather than breaking)
        boolean waiting = false;
        String runStartedAt = null;
        source.state(SourcePhase.CONNECTING, null);
        while (!isClosing()) {
            Run run;
            try {
                run = Run.of(clients.quick(container.endpoint()).inspectContainerCmd(container.id()).exec());
            } catch (NotFoundException e) {
                gone(attached);
                return;
            } catch (RuntimeException e) {
                if (retryAfter("cannot reach the engine: " + DockerErrors.describe(e))) {
                    continue;
                }
                return;
            }
            if (attached && !run.running()) {
                if (!waiting) {
                    marker(STOPPED);
                    source.state(SourcePhase.WAITING_FOR_RESTART, "the container is " + run.status());
                    waiting = true;
                }
                if (pollAgain()) {
                    continue;
                }
                return;
            }
            boolean sameRun = Objects.equals(run.startedAt(), runStartedAt);
            if (attached && sameRun && endedCleanly) {
                // The stream ended but the container runs on: seen while it stops; do not spin on it.
                if (!pollAgain()) {
                    return;
                }
            } else {
                pollMs = FIRST_POLL_MS;
            }
            EngineLogStream stream;
            try {
                stream = open(attached, emptyLogRead);
            } catch (LogStreamException e) {
                if (e.isNotFound()) {
                    gone(attached);
                } else if (e.isPermanent() || !options.follow()) {
                    fail("the engine refused the log: " + e.getMessage());
                } else if (retryAfter("the engine refused the log: " + e.getMessage())) {
                    continue;
                }
                return;
            } catch (RuntimeException e) {
                if (retryAfter("cannot open the log: " + DockerErrors.describe(e))) {
                    continue;
                }
                return;
            }
            if (stream == null) {
                return; // closed meanwhile
            }
            if (attached && !sameRun) {
                marker(REATTACHED);
            } else if (problem != null) {
                marker(attached ? "— envboard: re-attached —" : "— envboard: attached —");
            }
            attached = true;
            endedCleanly = false;
            waiting = false;
            runStartedAt = run.startedAt();
            problem = null;
            retryMs = FIRST_RETRY_MS;
            source.state(options.follow() ? SourcePhase.FOLLOWING : SourcePhase.READING, null);
            try {
                StreamDecoder.of(run.tty(), assembler, batch).pump(stream.body());
                // The engine ends a follow when the container stops: a line without its newline stays so.
                assembler.flushPartials();
                batch.flush();
                emptyLogRead = !resume.hasTime();
                endedCleanly = true;
            } catch (IOException | RuntimeException e) {
                batch.flush();
                // A partial line stays pending: the re-attach continues from its last piece.
                if (isClosing() || !retryAfter("the log stream broke: " + DockerErrors.describe(e))) {
                    return;
                }
                continue;
            } finally {
                closeStream(stream);
            }
            if (!options.follow()) {
                source.state(SourcePhase.ENDED, null);
                return;
            }
        }
    }

    /**
     * Says what went wrong (once per distinct problem, so a flapping engine does not flood the log)
     * and waits before the next try, longer each time. False when not following (then the source
     * failed) or when the session closed meanwhile.
     */
    private boolean retryAfter(String why) {
        if (!options.follow()) {
            fail(why);
            return false;
        }
        if (!why.equals(problem)) {
            marker("— envboard: " + why + "; trying again —");
        }
        problem = why;
        source.state(SourcePhase.RECONNECTING, why);
        boolean closed = pause(retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        return !closed;
    }

    /** Waits before looking at the container again (growing to once a second); false when the session closed. */
    private boolean pollAgain() {
        boolean closed = pause(pollMs);
        pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
        return !closed;
    }

    /** Opens the log: the tail the first time; after that from the last entry seen. Null when closing. */
    private EngineLogStream open(boolean attached, boolean emptyLogRead) {
        int tail = options.tail();
        String since = null;
        if (attached && resume.hasTime()) {
            tail = LogOptions.ALL;
            since = resume.since();
            resume.resuming();
        } else if (attached && emptyLogRead) {
            tail = LogOptions.ALL;
        }
        EngineLogStream stream = EngineLogStream.open(clients.stream(container.endpoint()), container.id(),
                options.follow(), tail, since);
        synchronized (streamLock) {
            if (isClosing()) {
                stream.close();
                return null;
            }
            current = stream;
        }
        return stream;
    }

    private void closeStream(EngineLogStream stream) {
        synchronized (streamLock) {
            if (current == stream) {
                current = null;
            }
        }
        stream.close();
    }

    private void gone(boolean attached) {
        if (attached) {
            marker(REMOVED);
            source.state(SourcePhase.ENDED, "the container was removed");
        } else {
            fail("no container " + container.name() + " on " + container.engine());
        }
    }

    private void fail(String why) {
        marker("— envboard: " + why + " —");
        source.state(SourcePhase.FAILED, why);
    }

    private void marker(String text) {
        Instant now = clock.instant();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        batch.add(LineKind.MARKER, now.getEpochSecond() * 1_000_000_000L + now.getNano(), bytes, 0, bytes.length);
        batch.flush();
    }

    /** Sleeps, or returns true at once when the session closes. */
    private boolean pause(long millis) {
        try {
            return closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    /** Stops following: wakes a pause and aborts a blocked read. */
    void close() {
        closing.countDown();
        EngineLogStream stream;
        synchronized (streamLock) {
            stream = current;
        }
        if (stream != null) {
            stream.close();
        }
    }
}
