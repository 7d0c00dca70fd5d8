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
