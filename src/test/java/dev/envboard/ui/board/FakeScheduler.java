package dev.envboard.ui.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** The board's update worker in a test: tasks wait here, with their delays, until the test runs them. */
final class FakeScheduler implements BoardUpdates.Scheduler {
    record Scheduled(Runnable task, Duration delay, CompletableFuture<Void> future) {
    }

    final List<Scheduled> scheduled = new ArrayList<>();

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        Scheduled next = new Scheduled(task, delay, new CompletableFuture<>());
        scheduled.add(next);
        return next.future();
    }

    /** Tasks scheduled and neither run nor cancelled. */
    List<Scheduled> pending() {
        return scheduled.stream().filter(s -> !s.future().isDone()).toList();
    }

    /** Runs the one pending task, as the worker would once its delay passed; fails when there is not exactly one. */
    Duration runNext() {
        List<Scheduled> pending = pending();
        if (pending.size() != 1) {
            throw new AssertionError("expected one pending update check, found " + pending.size());
        }
        Scheduled next = pending.get(0);
        next.future().complete(null);
        next.task().run();
        return next.delay();
    }
}
