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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code health}: against the in-process Consul double (no sandbox), how long after a check
 * changes the HealthWatch listener has the new snapshot, next to a plain {@code curl} blocking
 * query on {@code /v1/health/state/any} waiting for the same change (to its first byte), and next
 * to the floor: the one call Envboard makes for it, that same blocking query as Envboard's checks
 * watch sends it ({@code GET /v1/health/state/any?wait=300s&index=N}), from a java.net.http client
 * whose connection is kept alive from change to change, timed to its whole body (Envboard needs it
 * all). All three wait at Consul for the same change; which one starts waiting first rotates each
 * round (the double answers held queries in the order it wakes them). Then how many requests the
 * watch makes in a minute while nothing changes (blocking queries: next to none).
 */
final class HealthBench implements Bench.Benchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 50;
    private static final int SERVICES = 20;
    private static final int NODES = 5;
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
            Samples floor = new Samples();
            Map<String, Integer> first = new java.util.TreeMap<>();
            List<String> sides = List.of(Alternating.ENVBOARD, Alternating.CLI, Alternating.FLOOR);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try (HealthWatch watch = HealthWatch.start(pool, HealthWatch.Options.defaults(Map.of()), this::heard)) {
                waitFor(() -> watch.current().isCurrent(), "the first snapshot");
                for (int i = 1; i <= WARMUP + RUNS; i++) {
                    // Envboard's services and nodes watches stay held throughout; its checks watch comes back
                    // by itself (500 ms after its last start); curl and the floor are started here.
                    int held = 2;
                    long index = consul.checksIndex();
                    Process process = null;
                    AtomicLong curlAt = new AtomicLong();
                    AtomicLong floorAt = new AtomicLong();
                    List<String> order = new ArrayList<>();
                    for (int k = 0; k < sides.size(); k++) {
                        String side = sides.get((i + k) % sides.size());
                        if (!side.equals(Alternating.ENVBOARD) && consul.held() > held && !order.contains(Alternating.ENVBOARD)) {
                            order.add(Alternating.ENVBOARD); // it came back before its turn
                            held++;
                        }
                        if (side.equals(Alternating.CLI)) {
                            process = new ProcessBuilder("curl", "-sN", "http://127.0.0.1:" + consul.port()
                                    + "/v1/health/state/any?index=" + index + "&wait=5m").start();
                            Process started = process;
                            daemon(() -> firstByte(started.getInputStream(), curlAt), "curl-reader");
                        } else if (side.equals(Alternating.FLOOR)) {
                            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + consul.port()
                                    + "/v1/health/state/any?wait=300s&index=" + index)).build();
                            daemon(() -> floorQuery(http, request, floorAt), "floor-query");
                        }
                        if (!order.contains(side)) {
                            order.add(side);
                            int expected = ++held;
                            waitFor(() -> consul.held() >= expected, side + "'s query to block");
                        }
                    }
                    first.merge(order.get(0), 1, Integer::sum);
                    long changed = System.nanoTime();
                    consul.setCheck("node-0", "service:svc0-0", i % 2 == 1 ? "critical" : "passing", "change " + i);
                    int change = i;
                    waitFor(() -> heardAt.containsKey(change) && curlAt.get() != 0 && floorAt.get() != 0, "change " + i);
                    process.waitFor();
                    if (i > WARMUP) {
                        envboard.add(heardAt.get(change) - changed);
                        curl.add(curlAt.get() - changed);
                        floor.add(floorAt.get() - changed);
                    }
                }
                waitFor(() -> consul.held() >= 3, "Envboard's watches to block");
                if (CallTrace.enabled()) {
                    consul.arrivals("/v1/health/state/any").stream().map(r -> r.query().replaceAll("index=\\d+", "index={n}"))
                            .distinct().forEach(q -> System.out.println("trace: GET /v1/health/state/any?" + q));
                }
                int before = consul.requests().size() + consul.held();
                long idleStart = System.nanoTime();
                Thread.sleep(IDLE_MILLIS);
                int idleRequests = consul.requests().size() + consul.held() - before;
                double perMinute = idleRequests * 60e9 / (System.nanoTime() - idleStart);
                print(new Alternating.Result(Map.of(Alternating.ENVBOARD, envboard, Alternating.CLI, curl, Alternating.FLOOR, floor)),
                        first, perMinute);
            }
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The floor: one blocking query, its body read whole. */
    private static void floorQuery(HttpClient http, HttpRequest request, AtomicLong at) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200 && response.body().length > 0) {
                at.set(System.nanoTime());
            }
        } catch (java.io.IOException e) {
            System.err.println("floor query failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private static void print(Alternating.Result result, Map<String, Integer> first, double perMinute) {
        System.out.println("all three wait at Consul for the same change; rounds in which each started waiting first: "
                + first.toString().replace(Alternating.CLI, "curl"));
        System.out.println(String.format(Locale.ROOT, "%-34s %10s %10s", "check change -> seen (" + RUNS + " changes)", "p50 ms", "p95 ms"));
        String[][] rows = {{Alternating.ENVBOARD, "envboard HealthWatch listener"}, {Alternating.CLI, "curl blocking query, first byte"},
                {Alternating.FLOOR, "floor: the same query, whole body"}};
        for (String[] row : rows) {
            Samples s = result.side(row[0]);
            System.out.println(String.format(Locale.ROOT, "%-34s %10s %10s", row[1], Samples.ms(s.median()), Samples.ms(s.percentile(95))));
        }
        System.out.println(String.format(Locale.ROOT, "idle: %.1f requests/min over %d s (3 blocking watches, wait=5m; polling every 1 s would be 180)",
                perMinute, IDLE_MILLIS / 1000));
        System.out.println(String.format(Locale.ROOT, "health: %s (p50s); p95 envboard=%s ms curl=%s ms floor=%s ms; idle=%.1f req/min",
                result.summary("curl"), Samples.ms(result.envboard().percentile(95)), Samples.ms(result.cli().percentile(95)),
                Samples.ms(result.floor().percentile(95)), perMinute));
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
