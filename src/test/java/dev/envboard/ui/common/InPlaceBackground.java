package dev.envboard.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Background work for view model tests: jobs wait until the test runs them ({@link #runAll}), so
 * it can look at the state while they are under way; or run at once when made {@link #immediate}.
 */
public final class InPlaceBackground implements Background {
    private final List<Runnable> queued = new ArrayList<>();
    private final List<String> titles = new ArrayList<>();
    private final List<Runnable> cancels = new ArrayList<>();
    private final boolean immediate;

    private InPlaceBackground(boolean immediate) {
        this.immediate = immediate;
    }

    public static InPlaceBackground queued() {
        return new InPlaceBackground(false);
    }

    public static InPlaceBackground immediate() {
        return new InPlaceBackground(true);
    }

    @Override
    public <T> void run(String title, Job<T> job, Consumer<T> done, Consumer<Throwable> failed) {
        titles.add(title);
        Runnable run = () -> {
            T result;
            try {
                result = job.call((message, workDone, total) -> { });
            } catch (Exception e) {
                failed.accept(e);
                return;
            }
            done.accept(result);
        };
        if (immediate) {
            run.run();
        } else {
            queued.add(run);
        }
    }

    /** Remembers the job's cancel, as the operations list's Cancel button would call it. */
    @Override
    public <T> void run(String title, Job<T> job, Runnable cancel, Consumer<T> done, Consumer<Throwable> failed) {
        cancels.add(cancel);
        run(title, job, done, failed);
    }

    /** Presses Cancel on every job started with one: the jobs are told, and still run to their end. */
    public void cancelAll() {
        cancels.forEach(Runnable::run);
    }

    /** Runs every queued job (and those they queue), in order. */
    public void runAll() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    public int waiting() {
        return queued.size();
    }

    /** The titles of every job started, in order. */
    public List<String> titles() {
        return titles;
    }
}
