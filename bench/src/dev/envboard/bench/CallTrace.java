package dev.envboard.bench;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * With {@code ENVBOARD_BENCH_TRACE=1}, every Engine API call Envboard and the floor make goes
 * through a recording proxy in front of each engine's unix socket (a TLS endpoint is traced on the
 * engine's unix socket instead), one proxy per side so that calls made at the same time are told
 * apart, and the benchmark ends with each side's calls of its last round, ids replaced by {id}:
 * the way to check that the floor makes the calls Envboard makes. A traced run is short and its
 * timings mean nothing (the proxy is in the path).
 */
final class CallTrace {
    private static final boolean ENABLED = System.getenv("ENVBOARD_BENCH_TRACE") != null
            && !System.getenv("ENVBOARD_BENCH_TRACE").isBlank();
    /** Ids, versions and the benchmark's numbered names (svc07, svc07_2) vary from call to call: replaced. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}|(?<![0-9a-zA-Z])[0-9a-z]{25}(?![0-9a-zA-Z])|(?<=version=)\\d+"
            + "|(?<=svc)\\d+(_\\d+)?");

    private record Call(int phase, String side, int round, String engine, String request) {
    }

    private static final List<Call> CALLS = new ArrayList<>();
    private static final Map<String, Path> FLOOR_TWINS = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile String side;
    private static volatile int round = -1;
    private static volatile int phase;

    private CallTrace() {
    }

    static boolean enabled() {
        return ENABLED;
    }

    /** A new measurement (e.g. the Swarm part of a benchmark after none, then the standalone part). */
    static void phase() {
        phase++;
    }

    /** Which side runs now (null: none, e.g. set-up, which is not recorded); calls are told apart by proxy. */
    static void side(String name, int i) {
        side = name;
        round = i;
    }

    /** Two recording proxies in front of {@code upstream}, Envboard's and the floor's; returns Envboard's. */
    static Path proxies(String engine, Path upstream, Path dir) throws IOException {
        Path envboard = proxy(engine, Alternating.ENVBOARD, upstream, dir);
        FLOOR_TWINS.put("unix://" + envboard, proxy(engine, Alternating.FLOOR, upstream, dir));
        return envboard;
    }

    /** Where the floor reaches the engine Envboard reaches at {@code endpoint}: its own proxy when tracing. */
    static dev.envboard.docker.EndpointSpec forFloor(dev.envboard.docker.EndpointSpec endpoint) {
        Path twin = FLOOR_TWINS.get(endpoint.uri().toString());
        return twin == null ? endpoint : new dev.envboard.docker.EndpointSpec(java.net.URI.create("unix://" + twin), null, false);
    }

    private static Path proxy(String engine, String tag, Path upstream, Path dir) throws IOException {
        Path socket = dir.resolve(engine + "-" + tag + ".sock");
        RecordingProxy.unix("trace-" + engine, socket, UnixDomainSocketAddress.of(upstream), request -> {
            if (side != null) {
                synchronized (CALLS) {
                    CALLS.add(new Call(phase, tag, round, engine, request));
                }
            }
        });
        return socket;
    }

    /** {@code request} with its query decoded and ids, versions and numbered names replaced by {id}. */
    static String normalized(String request) {
        return ID.matcher(java.net.URLDecoder.decode(request, StandardCharsets.UTF_8)).replaceAll("{id}");
    }

    /** Each side's calls in its last round of each measurement, grouped and counted, ids replaced. */
    static void print() {
        if (!ENABLED) {
            return;
        }
        Map<String, Integer> lastRound = new TreeMap<>();
        Map<String, Map<String, Integer>> bySide = new TreeMap<>();
        synchronized (CALLS) {
            CALLS.forEach(c -> lastRound.merge(c.phase() + " " + c.side(), c.round(), Math::max));
            for (Call call : CALLS) {
                String key = call.phase() + " " + call.side();
                if (call.round() == lastRound.get(key)) {
                    String request = normalized(call.request());
                    bySide.computeIfAbsent(key, k -> new TreeMap<>()).merge(call.engine() + " " + request, 1, Integer::sum);
                }
            }
            CALLS.clear();
        }
        bySide.forEach((key, calls) -> {
            System.out.println("trace: measurement " + key.replace(" ", ", ") + ", round " + lastRound.get(key) + ": "
                    + calls.values().stream().mapToInt(Integer::intValue).sum() + " calls");
            calls.forEach((request, count) -> System.out.println("trace:   " + count + " x " + request));
        });
        // The verdict per measurement: the same calls, or which differ (how often a poll repeats may differ).
        bySide.keySet().stream().map(k -> k.split(" ")[0]).distinct().forEach(phase -> {
            Map<String, Integer> envboard = bySide.getOrDefault(phase + " " + Alternating.ENVBOARD, Map.of());
            Map<String, Integer> floor = bySide.getOrDefault(phase + " " + Alternating.FLOOR, Map.of());
            List<String> differences = new ArrayList<>();
            envboard.keySet().stream().filter(r -> !floor.containsKey(r)).forEach(r -> differences.add("only envboard: " + r));
            floor.keySet().stream().filter(r -> !envboard.containsKey(r)).forEach(r -> differences.add("only floor: " + r));
            System.out.println("trace: measurement " + phase + ": " + (differences.isEmpty()
                    ? "the floor makes the same calls as envboard" + (envboard.equals(floor) ? ", as often" : " (polls repeated a different number of times)")
                    : "the floor's calls differ: " + differences));
        });
    }
}
