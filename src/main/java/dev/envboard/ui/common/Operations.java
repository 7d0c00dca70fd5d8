package dev.envboard.ui.common;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;

/**
 * The app-wide list of running operations (shown in the status bar's TaskProgressView).
 * Tasks run on the I/O executor; the list itself is touched only on the FX thread.
 */
public final class Operations implements Background {
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();
    private final Executor io;

    public Operations(Executor io) {
        this.io = io;
    }

    public ObservableList<Task<?>> running() {
        return running;
    }

    /** Lists the task and starts it; call on the FX thread. */
    public <T> Task<T> submit(Task<T> task) {
        running.add(task);
        // Judge by the state itself: Task publishes SUCCEEDED before its FutureTask counts as done.
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                running.remove(task);
            }
        });
        io.execute(task);
        return task;
    }

    @Override
    public <T> void run(String title, Job<T> job, Consumer<T> done, Consumer<Throwable> failed) {
        Task<T> task = new Task<>() {
            {
                updateTitle(title);
            }

            @Override
            protected T call() throws Exception {
                return job.call((message, workDone, total) -> {
                    updateMessage(message);
                    updateProgress(workDone, total);
                });
            }
        };
        task.setOnSucceeded(e -> done.accept(task.getValue()));
        task.setOnFailed(e -> failed.accept(task.getException()));
        submit(task);
    }

    @Override
    public <T> void run(String title, Job<T> job, Runnable cancel, Consumer<T> done, Consumer<Throwable> failed) {
        Task<T> task = new Task<>() {
            {
                updateTitle(title);
            }

            @Override
            protected T call() throws Exception {
                return job.call((message, workDone, total) -> {
                    updateMessage(message);
                    updateProgress(workDone, total);
                });
            }

            /**
             * Cancel tells the job and lets it end by itself: interrupting it could stop it between
             * two engine calls, where nobody could say what it left.
             */
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                if (isDone()) {
                    return false;
                }
                cancel.run();
                updateMessage("cancelling… stops at the next check");
                return true;
            }
        };
        task.setOnSucceeded(e -> done.accept(task.getValue()));
        task.setOnFailed(e -> failed.accept(task.getException()));
        submit(task);
    }
}
