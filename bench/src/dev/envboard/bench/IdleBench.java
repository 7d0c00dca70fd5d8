package dev.envboard.bench;

import dev.envboard.runtime.Notices;
import dev.envboard.testing.Sandbox;
import dev.envboard.ui.shell.UiState;
import dev.envboard.ui.shell.UiStateStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code idle}: what the window costs while nothing it shows changes. Three containers with a 1 s
 * healthcheck run on the first standalone host (each healthcheck is three exec_* events a second
 * on that engine, none of which changes anything Envboard shows). The packaged {@code ./envboard}
 * opens on the sandbox's pools (the standalone pool selected) under the benchmark's own Xvfb, with
 * fresh XDG state and cache dirs, every engine endpoint and the Consul address behind recording
 * proxies. After the board shows and a warm-up (default 45 s), for 60 s: the window process's CPU
 * ({@code /proc/PID/stat} utime+stime) as % of one core, its five busiest threads, RSS, and every
 * request it made to each engine and to Consul, per minute. Target: CPU &lt; 1 % of one core. For
 * comparison, a JavaFX hello-world ({@link FxHello}) stays open on the same display and is measured
 * over the same seconds: what any idle JavaFX window costs here.
 * {@code JAVA_TOOL_OPTIONS="-Denvboard.bench.idle.warmup=S -Denvboard.bench.idle.seconds=S"}
 * changes the warm-up and the measured time; {@code -Denvboard.bench.idle.jfr=FILE} records the
 * measured time with Flight Recorder (its own cost then counts in the figures).
 */
final class IdleBench implements Bench.Benchmark {
    private static final long WARMUP_SECONDS = Long.getLong("envboard.bench.idle.warmup", 45);
    private static final long MEASURED_SECONDS = Long.getLong("envboard.bench.idle.seconds", 60);
    private static final double TARGET_PERCENT = 1.0;
    private static final int CONTAINERS = 3;
    private static final String NAME_PREFIX = "envboard-idle-hc-";
    private static final String POOL = "sandbox-hosts";
    private static final String CONSUL = "consul";
    /** Where to write a Flight Recording of the measured time (jcmd JFR.start/stop on the window), for finding the cost. */
    private static final String JFR = System.getProperty("envboard.bench.idle.jfr");

    /** What every proxy heard while measuring: per engine (or Consul), per normalised request. */
    private final Map<String, Map<String, Integer>> requests = new ConcurrentHashMap<>();
    private final AtomicBoolean measuring = new AtomicBoolean();

    @Override
    public void run(BenchContext context) throws Exception {
        if (CallTrace.enabled()) {
            throw new BenchFailure("idle records the window's calls itself: ENVBOARD_BENCH_TRACE does not apply to it");
        }
        StartupCommands commands = StartupCommands.fromCheckout();
        Sandbox sandbox = context.sandbox();
        Sandbox.Engine host = sandbox.standaloneHosts().get(0);
        Path scratch = Files.createTempDirectory("envboard-idle");
        List<RecordingProxy> proxies = new ArrayList<>();
        try {
            removeContainers(context, host);
            startContainers(context, host);
            Path pools = poolsFile(sandbox, scratch, proxies);
            Map<String, String> env = commands.environment(scratch);
            env.put("XDG_CACHE_HOME", scratch.resolve("cache").toString());
            new UiStateStore(Path.of(env.get("XDG_STATE_HOME")).resolve("envboard"), new Notices())
                    .save(withPool(UiState.defaults(), POOL));
            try (Xvfb xvfb = Xvfb.start(scratch.resolve("xvfb.log"))) {
                env.put("DISPLAY", xvfb.display());
                env.put("ENVBOARD_STARTUP_PROBE", "1");
                try (StartupProcess.Watched window = StartupProcess.Watched.start("envboard window",
                        commands.envboard("--config", pools.toString()), env, scratch.resolve("window.out"));
                     StartupProcess.Watched hello = StartupProcess.Watched.start("JavaFX hello-world", commands.fxHello(),
                             env, scratch.resolve("fx-hello.out"))) {
                    window.await("board-populated");
                    hello.await("first-frame");
                    measure(context, host, window.pid(), hello.pid());
                }
            }
        } finally {
            for (RecordingProxy proxy : proxies) {
                proxy.close();
            }
            removeContainers(context, host);
            StartupBench.delete(scratch);
        }
    }

    private void measure(BenchContext context, Sandbox.Engine host, long pid, long helloPid) throws Exception {
        String loadBefore = LoadAverage.now();
        System.out.println("idle: window pid " + pid + " showed the board; warm-up " + WARMUP_SECONDS + " s, then "
                + MEASURED_SECONDS + " s measured (load average " + loadBefore + ")");
        TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
        alive(pid);
        long hz = clockTicks();
        Map<String, long[]> threadsBefore = threads(pid);
        long ticksBefore = ticks(Path.of("/proc/" + pid + "/stat"));
        long helloBefore = ticks(Path.of("/proc/" + helloPid + "/stat"));
        Map<String, long[]> helloThreadsBefore = threads(helloPid);
        Instant from = Instant.now();
        long start = System.nanoTime();
        measuring.set(true);
        jcmd(pid, "JFR.start", "name=idle", "settings=profile", "filename=" + JFR);
        TimeUnit.SECONDS.sleep(MEASURED_SECONDS);
        jcmd(pid, "JFR.stop", "name=idle");
        measuring.set(false);
        long ticksAfter = ticks(Path.of("/proc/" + pid + "/stat"));
        long helloAfter = ticks(Path.of("/proc/" + helloPid + "/stat"));
        Map<String, long[]> helloThreadsAfter = threads(helloPid);
        long nanos = System.nanoTime() - start;
        Map<String, long[]> threadsAfter = threads(pid);
        Instant to = Instant.now();
        long rssKb = rssKb(pid);
        String loadAfter = LoadAverage.now();

        double seconds = nanos / 1e9;
        double cpuMs = (ticksAfter - ticksBefore) * 1000.0 / hz;
        double percent = cpuMs / 10.0 / seconds;
        System.out.println(String.format(Locale.ROOT, "idle: %.0f ms of CPU in %.1f s: %.2f %% of one core; RSS %d MB;"
                + " load average %s at the start, %s at the end", cpuMs, seconds, percent, rssKb / 1024, loadBefore, loadAfter));
        System.out.println("idle: busiest threads (CPU in the " + MEASURED_SECONDS + " s): " + busiest(threadsBefore, threadsAfter, hz));
        double helloPercent = (helloAfter - helloBefore) * 1000.0 / hz / 10.0 / seconds;
        System.out.println(String.format(Locale.ROOT, "idle: floor, a JavaFX hello-world open on the same display over the same"
                + " time: %.2f %% of one core; its busiest threads: %s", helloPercent, busiest(helloThreadsBefore, helloThreadsAfter, hz)));
        String events = context.docker(host, "events", "--since", String.valueOf(from.getEpochSecond()),
                "--until", String.valueOf(to.getEpochSecond()), "--filter", "type=container", "--format", "{{.Action}}");
        Map<String, Integer> actions = new TreeMap<>();
        events.lines().filter(l -> !l.isBlank()).forEach(a -> actions.merge(a.replaceAll(":.*", ""), 1, Integer::sum));
        System.out.println("idle: container events on " + host.name() + " meanwhile (docker events): " + actions);
        double minutes = seconds / 60;
        List<String> perEngine = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> entry : new TreeMap<>(requests).entrySet()) {
            int total = entry.getValue().values().stream().mapToInt(Integer::intValue).sum();
            String rate = String.format(Locale.ROOT, "%.1f", total / minutes);
            perEngine.add(entry.getKey() + "=" + rate);
            System.out.println("idle: " + entry.getKey() + ": " + total + " requests (" + rate + "/min)");
            entry.getValue().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> System.out.println("idle:   " + e.getValue() + " x " + e.getKey()));
        }
        boolean met = percent < TARGET_PERCENT;
        System.out.println(String.format(Locale.ROOT, "idle: cpu=%.2f%% of one core (target < %.0f %%: %s) fx-hello=%.2f%% rss=%d MB"
                        + " requests/min: %s (after %d s warm-up, over %.0f s)", percent, TARGET_PERCENT, met ? "met" : "NOT met",
                helloPercent, rssKb / 1024, perEngine.isEmpty() ? "none" : String.join(" ", perEngine), WARMUP_SECONDS, seconds));
    }

    /** Three containers with a 1 s healthcheck, waited for until each is healthy. */
    private static void startContainers(BenchContext context, Sandbox.Engine host) throws InterruptedException {
        for (int i = 1; i <= CONTAINERS; i++) {
            context.docker(host, "run", "-d", "--name", NAME_PREFIX + i, "--health-cmd", "true", "--health-interval", "1s",
                    BenchStacks.IMAGE, "sh", "-c", BenchStacks.command());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> states = new ArrayList<>();
            for (int i = 1; i <= CONTAINERS; i++) {
                states.add(context.docker(host, "inspect", "-f", "{{.State.Health.Status}}", NAME_PREFIX + i));
            }
            if (states.stream().allMatch("healthy"::equals)) {
                System.out.println("idle: " + CONTAINERS + " containers with a 1 s healthcheck healthy on " + host.name());
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the healthcheck containers on " + host.name() + " are not healthy within 30 s: " + states);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static void removeContainers(BenchContext context, Sandbox.Engine host) {
        String ids = context.docker(host, "ps", "-aq", "--filter", "name=^" + NAME_PREFIX);
        if (!ids.isBlank()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids.lines().toList());
            context.docker(host, args.toArray(String[]::new));
        }
    }

    /** The sandbox's pools.yaml with every engine and the Consul address behind a recording proxy. */
    private Path poolsFile(Sandbox sandbox, Path scratch, List<RecordingProxy> proxies) throws IOException {
        Map<String, Path> sockets = new HashMap<>();
        String pools = BenchContext.throughProxies(sandbox, Files.readString(sandbox.poolsFile()), engine -> {
            Path socket = sockets.get(engine.name());
            if (socket == null) {
                socket = scratch.resolve(engine.name() + ".sock");
                proxies.add(RecordingProxy.unix(engine.name(), socket,
                        UnixDomainSocketAddress.of(engine.dockerHost().substring("unix://".length())), recorder(engine.name())));
                sockets.put(engine.name(), socket);
            }
            return socket;
        });
        java.net.URI consul = java.net.URI.create(Sandbox.CONSUL_ADDRESS);
        RecordingProxy consulProxy = RecordingProxy.loopback(CONSUL, new InetSocketAddress(consul.getHost(), consul.getPort()),
                recorder(CONSUL));
        proxies.add(consulProxy);
        int port = ((InetSocketAddress) consulProxy.address()).getPort();
        String changed = pools.replace(Sandbox.CONSUL_ADDRESS, "http://127.0.0.1:" + port);
        if (changed.equals(pools)) {
            throw new BenchFailure("the sandbox's pools.yaml does not name its Consul " + Sandbox.CONSUL_ADDRESS);
        }
        Path file = scratch.resolve("pools.yaml");
        Files.writeString(file, changed);
        return file;
    }

    private RecordingProxy.Listener recorder(String name) {
        requests.put(name, new ConcurrentHashMap<>()); // an engine asked nothing is listed with 0
        return request -> {
            if (measuring.get()) {
                requests.get(name).merge(CallTrace.normalized(request), 1, Integer::sum);
            }
        };
    }

    private static UiState withPool(UiState state, String pool) {
        return new UiState(state.x(), state.y(), state.width(), state.height(), state.maximized(), state.theme(), pool, state.watched());
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        if (JFR == null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("jcmd", String.valueOf(pid)));
        command.addAll(List.of(args));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes()).trim();
        if (jcmd.waitFor() != 0) {
            throw new BenchFailure(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void alive(long pid) {
        if (!Files.exists(Path.of("/proc/" + pid + "/stat"))) {
            throw new BenchFailure("the window (pid " + pid + ") ended during the warm-up");
        }
    }

    /** utime + stime of a /proc stat file, in clock ticks (fields 14 and 15, after the parenthesised name). */
    private static long ticks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Every thread of {@code pid}: "name (tid)" to its ticks so far; a thread gone meanwhile is skipped. */
    private static Map<String, long[]> threads(long pid) throws IOException {
        Map<String, long[]> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    threads.put(name + " (" + task.getFileName() + ")", new long[] {ticks(task.resolve("stat"))});
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return threads;
    }

    /** The five busiest threads, those of a pool (names that differ by a number, as envboard-io-12) added up. */
    private static String busiest(Map<String, long[]> before, Map<String, long[]> after, long hz) {
        Map<String, long[]> byName = new HashMap<>(); // ticks, threads
        after.forEach((key, ticks) -> {
            long used = ticks[0] - before.getOrDefault(key, new long[] {0})[0];
            String name = key.replaceAll(" \\(\\d+\\)$", "").replaceAll("[-#]?\\d+$", "-N").replaceAll("-?-?-N$", "-N");
            long[] sum = byName.computeIfAbsent(name, n -> new long[2]);
            sum[0] += used;
            sum[1]++;
        });
        List<String> top = new ArrayList<>();
        byName.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed()).limit(5)
                .forEach(e -> top.add(e.getKey() + (e.getValue()[1] > 1 ? " (" + e.getValue()[1] + " threads)" : "") + " "
                        + e.getValue()[0] * 1000 / hz + " ms"));
        int newThreads = (int) after.keySet().stream().filter(k -> !before.containsKey(k)).count();
        int ended = (int) before.keySet().stream().filter(k -> !after.containsKey(k)).count();
        return String.join(", ", top) + "; " + after.size() + " threads (" + newThreads + " started, " + ended + " ended meanwhile)";
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes()).trim();
        getconf.waitFor();
        try {
            return Long.parseLong(out);
        } catch (NumberFormatException e) {
            throw new BenchFailure("getconf CLK_TCK printed " + out, e);
        }
    }
}
