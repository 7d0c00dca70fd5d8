package dev.envboard.bench;

import dev.envboard.app.Logging;
import java.util.Map;
import java.util.TreeMap;

/** Runs one benchmark by name: {@code scripts/bench.sh NAME}. Each prints its result last. */
public final class Bench {
    interface Benchmark {
        void run(BenchContext context) throws Exception;

        /** False for a benchmark that brings its own servers: it gets no context. */
        default boolean needsSandbox() {
            return true;
        }
    }

    private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>(Map.ofEntries(
            Map.entry("nodes", new NodesBench()),
            Map.entry("move", new MoveBench()),
            Map.entry("redeploy", new RedeployBench()),
            Map.entry("redeploy-version", new RedeployVersionBench()),
            Map.entry("logs", new LogsBench()),
            Map.entry("events", new EventsBench()),
            Map.entry("health", new HealthBench()),
            Map.entry("demo", new DemoBench()),
            Map.entry("startup", new StartupBench()),
            Map.entry("idle", new IdleBench()),
            Map.entry("scale", new ScaleBench())));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !BENCHMARKS.containsKey(args[0])) {
            System.err.println("usage: scripts/bench.sh NAME   (one of: " + String.join(", ", BENCHMARKS.keySet()) + ")");
            System.exit(2);
        }
        Logging.configure();
        Benchmark benchmark = BENCHMARKS.get(args[0]);
        try {
            if (!benchmark.needsSandbox()) {
                benchmark.run(null);
            } else {
                try (BenchContext context = BenchContext.fromSandbox()) {
                    benchmark.run(context);
                }
            }
            CallTrace.print();
        } catch (BenchFailure failure) {
            System.out.flush();
            System.err.println(args[0] + ": FAILED: " + failure.getMessage());
            if (failure.getCause() != null && !failure.getMessage().contains(String.valueOf(failure.getCause().getMessage()))) {
                System.err.println("(cause: " + failure.getCause() + ")");
            }
            System.exit(1);
        }
    }
}
