package dev.envboard.deploy;

import dev.envboard.runtime.AppExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent engine calls side by side (removing 20 containers one by one is most of a
 * redeploy). Bounded; every call is waited for; the first failure is what the caller sees.
 */
public final class Parallel {
    static final int THREADS = 8;

    @FunctionalInterface
    public interface Work {
        void run() throws DeployException;
    }

    private Parallel() {
    }

    public static void runAll(String name, List<Work> work) throws DeployException {
        if (work.size() <= 1) {
            for (Work item : work) {
                item.run();
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, work.size()), AppExecutors.named("envboard-" + name));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Work item : work) {
                futures.add(pool.submit(() -> {
                    item.run();
                    return null;
                }));
            }
            DeployException first = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof DeployException d ? d
                                : new DeployException(String.valueOf(e.getCause().getMessage()), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeployException("interrupted", true);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
