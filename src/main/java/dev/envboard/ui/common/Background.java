package dev.envboard.ui.common;

import java.util.function.Consumer;

/**
 * Long work off the FX thread, listed in the app's operations while it runs. {@link Operations}
 * is the app's; a unit test runs the job in place, so view models are tested without a toolkit.
 */
public interface Background {
    /**
     * @param done   gets the job's result on the FX thread
     * @param failed gets what the job threw, on the FX thread
     */
    <T> void run(String title, Job<T> job, Consumer<T> done, Consumer<Throwable> failed);

    /**
     * As {@link #run}, for a job that stops by itself at its next check once told: the operations
     * list's Cancel calls {@code cancel} (it must not block) and the job keeps running until it
     * returns, so its result still says what it left. Without a list to cancel from, runs as {@link #run}.
     */
    default <T> void run(String title, Job<T> job, Runnable cancel, Consumer<T> done, Consumer<Throwable> failed) {
        run(title, job, done, failed);
    }

    /** The work itself; it blocks, and says how far it got. */
    @FunctionalInterface
    interface Job<T> {
        T call(Progress progress) throws Exception;
    }

    /** How far a job got, for the operations list. */
    @FunctionalInterface
    interface Progress {
        void update(String message, long done, long total);
    }
}
