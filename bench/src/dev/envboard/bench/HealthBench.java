package dev.envboard.bench;

import dev.envboard.health.ConsulDouble;
import dev.envboard.health.HealthCheck;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthWatch;
import dev.envboard.health.ServiceInstance;
import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code health}: against the in-process Consul double (no sandbox), how long after a check
 * changes the HealthWatch listener has the new snapshot, next to a plain {@code curl} blocking
 * query on {@code /v1/health/state/any} waiting for the same change; then how many requests the
 * watch makes in a minute while nothing changes (blocking queries: next to none).
 */
final class HealthBench implements Bench.Benchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 50;
    private static final int SERVICES = 20;
    private static final int NODES = 5;
    /** Longer than the watch's default spacing (500 ms), so its rate limit is not what is measured. */
    private static final long PAUSE_MILLIS = 600;
    private static final long IDLE_MILLIS = 60_000;

    private final Map<Integer, Long> heardAt = new ConcurrentHashMap<>();

    @Override
    public boolean needsSandbox() {
        return false;
    }

    @Override
    public void run(BenchContext unused) throws Exception {
        try (ConsulDouble consul = ConsulDouble.start()) {
            for (int n = 0; n < NODES; n++) {
                consul.node("node-" + n, "10.0.0." + (n + 1));
            }
            for (int s = 0; s < SERVICES; s++) {
                for (int n = 0; n < 3; n++) {
                    String node = "node-" + ((s + n) % NODES);
                    consul.service("svc" + s + "-" + n, "svc" + s, node, List.of("v1"), Map.of("environment", "env" + (n % 2)));
                }
            }
            ConsulSpec spec = new ConsulSpec(URI.create(consul.address()), null, null, null, null, Map.of());
            PoolSpec pool = new PoolSpec("bench", PoolKind.STANDALONE, "environment", LabelScope.ENGINE, null, List.of(), null,
                    "bench", spec);
            Samples envboard = new Samples();
            Samples curl = new Samples();
            try (HealthWatch watch = HealthWatch.start(pool, HealthWatch.Options.defaults(Map.of()), this::heard)) {
                waitFor(() -> watch.current().isCurrent(), "the first snapshot");
                for (int i = 1; i <= WARMUP + RUNS; i++) {
                    waitFor(() -> consul.held() >= 3, "the watch to block");
                    int heldBefore = consul.held();
                    AtomicLong curlAt = new AtomicLong();
                    Process process = new ProcessBuilder("curl", "-sN", "http://127.0.0.1:" + consul.port()
                            + "/v1/health/state/any?index=" + consul.checksIndex() + "&wait=5m").start();
                    Thread reader = new Thread(() -> firstByte(process.getInputStream(), curlAt), "curl-reader");
                    reader.setDaemon(true);
                    reader.start();
                    waitFor(() -> consul.held() > heldBefore, "curl's query to block");
                    long changed = System.nanoTime();
                    consul.setCheck("node-0", "service:svc0-0", i % 2 == 1 ? "critical" : "passing", "change " + i);
                    int change = i;
                    waitFor(() -> heardAt.containsKey(change) && curlAt.get() != 0, "change " + i);
                    process.waitFor();
                    if (i > WARMUP) {
                        envboard.add(heardAt.get(change) - changed);
                        curl.add(curlAt.get() - changed);
                    }
                    Thread.sleep(PAUSE_MILLIS);
                }
                int before = consul.requests().size() + consul.held();
                long idleStart = System.nanoTime();
                Thread.sleep(IDLE_MILLIS);
                int idleRequests = consul.requests().size() + consul.held() - before;
                double perMinute = idleRequests * 60e9 / (System.nanoTime() - idleStart);
                print(envboard, curl, perMinute);
            }
        }
    }

    private void heard(HealthSnapshot snapshot) {
        long now = System.nanoTime();
        for (ServiceInstance instance : snapshot.instances()) {
            if (instance.id().equals("svc0-0")) {
                for (HealthCheck check : instance.checks()) {
                    if (check.output().startsWith("change ")) {
                        heardAt.putIfAbsent(Integer.parseInt(check.output().substring(7)), now);
                    }
                }
            }
        }
    }

    private static void firstByte(InputStream in, AtomicLong at) {
        try (in) {
            if (in.read() >= 0) {
                at.set(System.nanoTime());
            }
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            // curl ended
        }
    }

    private static void print(Samples envboard, Samples curl, double perMinute) {
        System.out.println(String.format(Locale.ROOT, "%-34s %10s %10s", "check change -> seen (" + RUNS + " changes)", "p50 ms", "p95 ms"));
        System.out.println(String.format(Locale.ROOT, "%-34s %10s %10s", "envboard HealthWatch listener",
                Samples.ms(envboard.median()), Samples.ms(envboard.percentile(95))));
        System.out.println(String.format(Locale.ROOT, "%-34s %10s %10s", "curl blocking query (state/any)",
                Samples.ms(curl.median()), Samples.ms(curl.percentile(95))));
        System.out.println(String.format(Locale.ROOT, "idle: %.1f requests/min over %d s (3 blocking watches, wait=5m; polling every 1 s would be 180)",
                perMinute, IDLE_MILLIS / 1000));
        System.out.println(String.format(Locale.ROOT, "health: envboard p50=%s ms p95=%s ms, curl p50=%s ms p95=%s ms, ratio p50=%s p95=%s, idle=%.1f req/min",
                Samples.ms(envboard.median()), Samples.ms(envboard.percentile(95)), Samples.ms(curl.median()),
                Samples.ms(curl.percentile(95)), Samples.ratio(envboard.median() / curl.median()),
                Samples.ratio(envboard.percentile(95) / curl.percentile(95)), perMinute));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting 30 s for " + what);
            }
            Thread.sleep(1);
        }
    }
}
