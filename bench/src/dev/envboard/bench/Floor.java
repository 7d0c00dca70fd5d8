package dev.envboard.bench;

import dev.envboard.docker.EndpointSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of a benchmark: the Engine API calls Envboard makes, made by {@link RawEngine}s kept
 * warm per endpoint, side by side where Envboard makes them side by side. What Envboard takes
 * beyond it is its own overhead (object mapping, threads, its logic), not the engine's work.
 */
final class Floor implements AutoCloseable {
    /** As many side-by-side calls as Envboard's deploy makes (dev.envboard.deploy.Parallel). */
    static final int THREADS = 8;

    private final Map<EndpointSpec, RawEngine> engines = new ConcurrentHashMap<>();
    private final ExecutorService parallel;

    Floor() {
        AtomicInteger count = new AtomicInteger();
        parallel = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "floor-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    RawEngine engine(EndpointSpec endpoint) {
        return engines.computeIfAbsent(endpoint, RawEngine::new);
    }

    /** {@code ?filters=} as the Engine API takes it: URL-encoded JSON. */
    static String filters(String json) {
        return "filters=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs the work side by side ({@link #THREADS} at a time) and waits for all; the first failure is thrown. */
    void all(List<Work> work) throws Exception {
        if (work.size() == 1) {
            work.get(0).run();
            return;
        }
        List<Future<Object>> futures = work.stream().map(w -> parallel.submit(() -> {
            w.run();
            return null;
        })).toList();
        Exception first = null;
        for (Future<Object> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        parallel.shutdownNow();
        engines.values().forEach(RawEngine::close);
    }
}
