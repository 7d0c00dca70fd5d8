package dev.envboard.bench;

import dev.envboard.testing.engine.Churn;
import dev.envboard.testing.engine.EngineSimulator;
import dev.envboard.testing.engine.VirtualContainer;
import dev.envboard.testing.engine.VirtualSwarm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code scale}: the packaged {@code ./envboard} window (under the benchmark's own Xvfb, fresh
 * XDG_STATE_HOME and XDG_CACHE_HOME) on simulated engines in this process: a Swarm of 500 nodes in
 * 30 environments running 5 000 tasks (each node's engine listed in pools.yaml, so every container
 * is live) and a standalone pool of 200 engines with 5 containers each. The Swarm is the pool on
 * screen; the window's bench probe ({@code ENVBOARD_BENCH_PROBE=1}) opens the Containers view
 * (sorted by name, as it opens) after the first frame and types a filter that keeps a fifth of the
 * tasks; the board's model (its columns) stays live behind it, and the start waits for all 500 cards
 * in it. Then for 60 s the simulator emits 100 container/task changes a second round-robin
 * over all 700 engines (die, start, health flips) and moves one Swarm node to another environment
 * a second. Reported, targets beside them:
 * <ul>
 * <li>pulse p50/p99: each scene pulse's CSS and layout, pre- to post-layout listener (p99 &lt; 16.7 ms),
 *     by the wall clock, and the FX thread's CPU time in it (which a loaded machine does not inflate);
 *     and for context how long a task posted to the FX thread every 100 ms waited (fx-wait);</li>
 * <li>lag p50/p95: from a change's emission (wall clock, just before its event is sent) to the
 *     probe's line after the layout pulse that follows the change reaching the table's items (a row
 *     that passes the filter) or the board's columns (a card in its new environment) (p95 &lt; 250 ms);</li>
 * <li>RSS of the window process, peak (VmHWM) and at the end (p &lt; 600 MB), and its heap in use at the end;</li>
 * <li>CPU of the window process over the 60 s, in % of one core.</li>
 * </ul>
 * {@code JAVA_TOOL_OPTIONS=-Denvboard.bench.seconds=N} shortens the churn.
 */
final class ScaleBench implements Bench.Benchmark {
    static final int NODES = Integer.getInteger("envboard.bench.nodes", 500);
    static final int ENVIRONMENTS = 30;
    static final int TASKS_PER_NODE = 10;
    static final int STANDALONE = Integer.getInteger("envboard.bench.standalone", 200);
    static final int CONTAINERS_PER_HOST = 5;
    static final int CHANGES_PER_SECOND = 100;
    static final int LABELS_PER_SECOND = 1;
    static final int SECONDS = Integer.getInteger("envboard.bench.seconds", 60);
    static final String POOL = "scale-swarm";
    /** Matches the names of the tasks of services svc1 and svc10 of each stack: a fifth of them. */
    static final String FILTER = "_svc1";
    static final double PULSE_TARGET_MS = 16.7;
    static final double LAG_TARGET_MS = 250;
    static final double RSS_TARGET_MB = 600;
    private static final long START_TIMEOUT_S = 240;
    private static final long QUIET_MS = 10_000;
    private static final Pattern COUNT = Pattern.compile("count=(\\d+) of (\\d+)");
    private static final Pattern CARDS = Pattern.compile("cards=(\\d+)");

    @Override
    public boolean needsSandbox() {
        return false;
    }

    @Override
    public void run(BenchContext unused) throws Exception {
        StartupCommands commands = StartupCommands.fromCheckout();
        Path scratch = Files.createTempDirectory("envboard-scale");
        try (EngineSimulator sim = EngineSimulator.start()) {
            List<String> environments = IntStream.rangeClosed(1, ENVIRONMENTS).mapToObj(i -> String.format(Locale.ROOT, "env-%02d", i)).toList();
            long built = System.nanoTime();
            VirtualSwarm swarm = sim.swarm(POOL, NODES, environments, TASKS_PER_NODE);
            sim.standalone("scale-hosts", STANDALONE, environments, CONTAINERS_PER_HOST);
            Path pools = sim.writePoolsYaml(scratch.resolve("pools.yaml"));
            System.out.println("scale: simulated " + NODES + " Swarm nodes (" + swarm.tasks().size() + " tasks) and " + STANDALONE
                    + " standalone engines in " + ms(System.nanoTime() - built) + "; simulator threads "
                    + ManagementFactory.getThreadMXBean().getThreadCount());
            Map<String, String> env = commands.environment(scratch);
            Path state = scratch.resolve("state");
            Files.createDirectories(state.resolve("envboard"));
            Files.writeString(state.resolve("envboard/window.json"), "{\"x\":0,\"y\":0,\"width\":1280,\"height\":800,\"maximized\":false,"
                    + "\"theme\":\"system\",\"selectedPool\":\"" + POOL + "\",\"watched\":[]}");
            env.put("XDG_CACHE_HOME", Files.createDirectories(scratch.resolve("cache")).toString());
            env.put("ENVBOARD_BENCH_PROBE", "1");
            env.put("ENVBOARD_BENCH_OPEN", "containers");
            env.put("ENVBOARD_BENCH_FILTER", FILTER);
            // -Denvboard.bench.javaOpts=...: the window's JVM options to compare (as a user's ENVBOARD_JAVA_OPTS).
            String javaOpts = System.getProperty("envboard.bench.javaOpts");
            if (javaOpts != null) {
                env.put("ENVBOARD_JAVA_OPTS", javaOpts);
            }
            Set<String> filtered = new HashSet<>();
            swarm.tasks().stream().map(t -> t.container()).filter(c -> c.name().toLowerCase(Locale.ROOT).contains(FILTER))
                    .map(VirtualContainer::id).forEach(filtered::add);
            try (Xvfb xvfb = Xvfb.start(scratch.resolve("xvfb.log"))) {
                env.put("DISPLAY", xvfb.display());
                try (StartupProcess.Watched window = StartupProcess.Watched.start("envboard window",
                        commands.envboard("--config", pools.toString()), env, scratch.resolve("window.out"))) {
                    measure(sim, window, environments, filtered);
                }
            }
        } finally {
            delete(scratch);
        }
    }

    private void measure(EngineSimulator sim, StartupProcess.Watched window, List<String> environments, Set<String> filtered) throws Exception {
        long spawned = System.nanoTime();
        window.await("opened containers", START_TIMEOUT_S);
        String status = awaitLoaded(window, spawned, filtered.size(), sim.swarms().get(0).tasks().size());
        System.out.println("scale: window pid " + window.pid() + " loaded in " + ms(System.nanoTime() - spawned) + " (" + status
                + "); simulator threads " + ManagementFactory.getThreadMXBean().getThreadCount()
                + ", open /events streams " + sim.engines().stream().mapToInt(e -> e.eventSubscribers()).sum());
        Thread.sleep(5000); // settle: the first inspections after the load
        // For context: the same window for 10 s with nothing changing (under the same machine load).
        int quietFrom = window.probeCount();
        long quietCpu = cpuTicks(window.pid());
        long quietStart = System.nanoTime();
        Thread.sleep(QUIET_MS);
        double quietPercent = (cpuTicks(window.pid()) - quietCpu) / 100.0 / ((System.nanoTime() - quietStart) / 1e9) * 100;
        Samples quietPulses = new Samples();
        for (StartupProcess.Probe probe : window.probes(quietFrom)) {
            String[] f = probe.line().split(" ");
            if (f[1].equals("pulses")) {
                for (int i = 3; i + 1 < f.length; i += 2) {
                    quietPulses.add(Long.parseLong(f[i]) * 1000);
                }
            }
        }
        System.out.println("scale: quiet " + QUIET_MS / 1000 + " s before the churn (load " + LoadAverage.now() + "): CPU "
                + String.format(Locale.ROOT, "%.0f", quietPercent) + " % of one core, " + quietPulses.size() + " pulses"
                + (quietPulses.size() == 0 ? "" : ", p50=" + Samples.ms(quietPulses.median()) + " ms p99=" + Samples.ms(quietPulses.percentile(99)) + " ms"));
        String loadBefore = LoadAverage.now();
        int from = window.probeCount();
        long cpuBefore = cpuTicks(window.pid());
        long began = System.nanoTime();
        List<Churn.Emission> emitted = new CopyOnWriteArrayList<>();
        Churn churn = new Churn(sim, environments);
        Thread churning = new Thread(() -> {
            try {
                churn.run(Duration.ofSeconds(SECONDS), CHANGES_PER_SECOND, LABELS_PER_SECOND, emitted::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scale-churn");
        churning.start();
        long rssMax = 0;
        while (churning.isAlive()) {
            churning.join(1000);
            rssMax = Math.max(rssMax, statusKb(window.pid(), "VmRSS"));
        }
        double churnSeconds = (System.nanoTime() - began) / 1e9;
        long cpuAfter = cpuTicks(window.pid());
        int simThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        Thread.sleep(3000); // the last changes' lines
        int beforeGc = window.probeCount();
        List<StartupProcess.Probe> probes = window.probes(from);
        String gc = jcmd(window.pid(), "GC.run");
        Thread.sleep(2500); // a probe line or two with the heap after the full collection
        long live = -1;
        for (StartupProcess.Probe probe : window.probes(beforeGc)) {
            String[] f = probe.line().split(" ");
            if (f[1].equals("pulses")) {
                live = Long.parseLong(f[2]);
            }
        }
        String threads = threadCpu(window.pid());
        if (live < 0) {
            System.out.println("  (no heap figure after jcmd GC.run: " + gc.trim() + ")");
        }
        String dump = System.getProperty("envboard.bench.probes");
        if (dump != null) {
            Files.write(Path.of(dump), probes.stream().map(StartupProcess.Probe::line).toList());
        }
        long rssEnd = statusKb(window.pid(), "VmRSS");
        long rssPeak = statusKb(window.pid(), "VmHWM");
        String loadAfter = LoadAverage.now();

        Samples pulses = new Samples();
        Samples pulseCpu = new Samples();
        Samples waits = new Samples();
        long heap = -1;
        Map<String, List<Long>> shown = new HashMap<>();
        String lastStatus = "";
        for (StartupProcess.Probe probe : probes) {
            String[] f = probe.line().split(" ");
            switch (f[1]) {
                case "pulses" -> {
                    heap = Long.parseLong(f[2]);
                    for (int i = 3; i + 1 < f.length; i += 2) {
                        pulses.add(Long.parseLong(f[i]) * 1000);
                        pulseCpu.add(Long.parseLong(f[i + 1]) * 1000);
                    }
                }
                case "fx-delays" -> {
                    for (int i = 2; i < f.length; i++) {
                        waits.add(Long.parseLong(f[i]) * 1000);
                    }
                }
                case "row" -> shown.computeIfAbsent("row " + Churn.containerKey(f[3], f[4], f[5].equals("-") ? "" : f[5]), k -> new ArrayList<>())
                        .add(Long.parseLong(f[2]));
                case "card" -> shown.computeIfAbsent("card " + Churn.labelKey(f[3], f[4]), k -> new ArrayList<>()).add(Long.parseLong(f[2]));
                case "status" -> lastStatus = probe.line();
                default -> { }
            }
        }
        Samples rowLag = new Samples();
        Samples cardLag = new Samples();
        Samples allLag = new Samples();
        int rowsExpected = 0;
        int rowsMissed = 0;
        int cardsMissed = 0;
        for (Churn.Emission e : emitted) {
            boolean card = e.kind() == Churn.Kind.LABEL;
            if (!card && !filtered.contains(e.key().split(" ")[0])) {
                continue; // filtered out of the table: no row shows it
            }
            rowsExpected += card ? 0 : 1;
            long at = ChronoUnit.MICROS.between(Instant.EPOCH, e.at());
            Long seen = shown.getOrDefault((card ? "card " : "row ") + e.key(), List.of()).stream().filter(t -> t >= at).min(Long::compare).orElse(null);
            if (seen == null) {
                if (card) {
                    cardsMissed++;
                } else {
                    rowsMissed++;
                }
                continue;
            }
            (card ? cardLag : rowLag).add((seen - at) * 1000);
            allLag.add((seen - at) * 1000);
        }
        if (pulses.size() == 0 || allLag.size() == 0 || waits.size() == 0) {
            throw new BenchFailure("the window's probe printed no pulses (" + pulses.size() + "), FX waits (" + waits.size()
                    + ") or shown changes (" + allLag.size() + ") during the churn (" + probes.size() + " probe lines); last status: " + lastStatus
                    + "; stderr: " + window.tail());
        }
        double cpu = (cpuAfter - cpuBefore) / 100.0 / churnSeconds * 100;
        long labels = emitted.stream().filter(e -> e.kind() == Churn.Kind.LABEL).count();
        System.out.println("scale: " + emitted.size() + " changes in " + String.format(Locale.ROOT, "%.1f", churnSeconds) + " s ("
                + labels + " label moves); simulator threads at the end " + simThreads);
        System.out.println("  pulses: " + pulses.size() + ", p50=" + Samples.ms(pulses.median()) + " ms p99=" + Samples.ms(pulses.percentile(99))
                + " ms max=" + Samples.ms(pulses.percentile(100)) + " ms" + verdict(pulses.percentile(99) < PULSE_TARGET_MS, "p99 < 16.7 ms")
                + "; the FX thread's CPU time in them p50=" + Samples.ms(pulseCpu.median()) + " ms p99=" + Samples.ms(pulseCpu.percentile(99))
                + " ms max=" + Samples.ms(pulseCpu.percentile(100)) + " ms (preemption aside)"
                + "; FX thread wait (a task posted every 100 ms): p50=" + Samples.ms(waits.median()) + " ms p99="
                + Samples.ms(waits.percentile(99)) + " ms max=" + Samples.ms(waits.percentile(100)) + " ms");
        System.out.println("  rows: " + rowLag.size() + " of " + rowsExpected + " changes to filtered-in rows shown (" + rowsMissed
                + " not: superseded by a later change before they were read, or late), lag p50=" + p(rowLag, 50) + " p95=" + p(rowLag, 95)
                + " max=" + p(rowLag, 100));
        System.out.println("  cards: " + cardLag.size() + " of " + labels + " moves shown (" + cardsMissed + " not), lag p50=" + p(cardLag, 50)
                + " p95=" + p(cardLag, 95) + " max=" + p(cardLag, 100));
        System.out.println("  window: RSS peak " + rssPeak / 1024 + " MB (sampled max during the churn " + rssMax / 1024 + " MB), at the end "
                + rssEnd / 1024 + " MB; heap in use at the end " + (heap < 0 ? "?" : heap / (1024 * 1024)) + " MB, live after a full GC (jcmd GC.run) "
                + (live < 0 ? "?" : live / (1024 * 1024)) + " MB; CPU "
                + String.format(Locale.ROOT, "%.0f", cpu) + " % of one core; " + lastStatus.replace("envboard-probe ", ""));
        System.out.println("  window threads by CPU since the start (jcmd Thread.print, names without numbers): " + threads);
        System.out.println("scale: load average before the churn " + loadBefore + ", after " + LoadAverage.now() + " (" + loadAfter + ")");
        System.out.println("scale: pulse p50=" + Samples.ms(pulses.median()) + " ms p99=" + Samples.ms(pulses.percentile(99)) + " ms"
                + verdict(pulses.percentile(99) < PULSE_TARGET_MS, "< 16.7 ms") + " (cpu p50=" + Samples.ms(pulseCpu.median())
                + " p99=" + Samples.ms(pulseCpu.percentile(99)) + ")"
                + " lag p50=" + p(allLag, 50) + " p95=" + p(allLag, 95) + verdict(allLag.percentile(95) < LAG_TARGET_MS, "< 250 ms")
                + " rss peak=" + rssPeak / 1024 + " MB end=" + rssEnd / 1024 + " MB" + verdict(rssPeak / 1024.0 < RSS_TARGET_MB, "< 600 MB")
                + " heap=" + (heap < 0 ? "?" : heap / (1024 * 1024)) + " MB live=" + (live < 0 ? "?" : live / (1024 * 1024)) + " MB cpu=" + String.format(Locale.ROOT, "%.0f", cpu) + "% (load " + loadAfter + ")");
    }

    /** Waits until the table shows every filtered-in task and the board all its cards; returns the probe's status. */
    private static String awaitLoaded(StartupProcess.Watched window, long spawned, int expected, int total) throws InterruptedException {
        String last = "";
        while (System.nanoTime() - spawned < START_TIMEOUT_S * 1_000_000_000L) {
            List<StartupProcess.Probe> all = window.probes(0);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).line().startsWith("envboard-probe status ")) {
                    last = all.get(i).line().substring("envboard-probe status ".length());
                    break;
                }
            }
            Matcher count = COUNT.matcher(last);
            Matcher cards = CARDS.matcher(last);
            if (count.find() && cards.find() && Integer.parseInt(count.group(1)) == expected && Integer.parseInt(count.group(2)) >= total
                    && Integer.parseInt(cards.group(1)) >= NODES) {
                return last;
            }
            if (window.ended()) {
                break;
            }
            Thread.sleep(500);
        }
        throw new BenchFailure("the window did not show " + expected + " filtered-in of " + total + " tasks and " + NODES + " cards within "
                + START_TIMEOUT_S + " s; last status: " + last + "; stderr: " + window.tail());
    }

    private static String p(Samples samples, double percentile) {
        return samples.size() == 0 ? "-" : Samples.ms(samples.percentile(percentile)) + " ms";
    }

    private static String verdict(boolean met, String target) {
        return " (target " + target + ": " + (met ? "met)" : "NOT met)");
    }

    private static String ms(long nanos) {
        return Samples.ms(nanos / 1e6) + " ms";
    }

    private static String jcmd(long pid, String command) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The window's threads grouped by name (digits dropped), the most CPU first: where its time went. */
    private static String threadCpu(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            Map<String, double[]> groups = new HashMap<>();
            Matcher m = Pattern.compile("(?m)^\"([^\"]*)\".*? cpu=([0-9.]+)ms").matcher(dump);
            while (m.find()) {
                double[] g = groups.computeIfAbsent(m.group(1).replaceAll("-?[0-9]+", "N"), k -> new double[2]);
                g[0] += Double.parseDouble(m.group(2));
                g[1]++;
            }
            return String.join(", ", groups.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(10)
                    .map(e -> e.getKey() + " x" + (int) e.getValue()[1] + " " + Math.round(e.getValue()[0] / 1000) + " s").toList())
                    + " (" + groups.values().stream().mapToInt(g -> (int) g[1]).sum() + " threads)";
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    /** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** A "kB" field of /proc/PID/status (VmRSS, VmHWM). */
    private static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new BenchFailure("no " + field + " in /proc/" + pid + "/status");
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
