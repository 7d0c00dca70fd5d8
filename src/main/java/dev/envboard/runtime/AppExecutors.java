package dev.envboard.runtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's threads: named, daemon, bounded, and shut down on exit. Engine, SSH and Consul calls
 * block, so they run on {@code io}, never on the FX thread.
 */
public final class AppExecutors implements AutoCloseable {
    private static final int IO_THREADS = 32;
    private static final int IO_QUEUE = 4096;

    private final ThreadPoolExecutor io;
    private final ScheduledExecutorService timer;

    public AppExecutors() {
        // Threads grow to IO_THREADS before anything queues, so a few hung hosts cannot starve the rest.
        io = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(IO_QUEUE), named("envboard-io"));
        io.allowCoreThreadTimeOut(true);
        timer = Executors.newSingleThreadScheduledExecutor(named("envboard-timer"));
    }

    public ExecutorService io() {
        return io;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        io.shutdownNow();
    }
}
