package dev.envboard.bench;

import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code startup}: how soon the packaged {@code ./envboard} answers, each figure beside its floor
 * measured in the same run, by the wall clock from spawning the process:
 * <ul>
 * <li>{@code version}: {@code ./envboard --version} until it exits, vs a Java hello-world
 *     ({@link JavaHello}, plain {@code java -cp}, the same java, default flags). Target ratio &lt;= 2.0.</li>
 * <li>{@code nodes}: {@code ./envboard nodes --config} the sandbox's pools.yaml (both pools) until it
 *     exits, vs the docker CLI doing the same reads as a script would, one process after the other:
 *     {@code docker node ls} on the Swarm manager, then {@code docker info} on every engine the two
 *     pools name (the Swarm's nodes and the standalone hosts), at the endpoints pools.yaml gives (TLS
 *     where it says so). Target ratio &lt;= 1.5. For context also {@code nodes}' floor, Envboard's
 *     Engine API calls on warm connections in this process ({@link NodesBench#floor}): floor-ratio.</li>
 * <li>{@code window}: {@code ./envboard --config} the same file under the benchmark's own Xvfb, until
 *     it prints {@code envboard-probe first-frame} on stderr (with ENVBOARD_STARTUP_PROBE=1), vs
 *     {@link FxHello} with the launcher's JavaFX jars printing the same line at its first frame.
 *     Target ratio &lt;= 1.3. Then {@code board}: from that line until {@code envboard-probe
 *     board-populated hosts=N}. Target &lt;= 500 ms. Each window is ended (SIGTERM by pid, then waited
 *     for) once it printed what is measured.</li>
 * </ul>
 * Each figure cold and warm. The launcher keeps an AppCDS archive in
 * {@code $XDG_CACHE_HOME/envboard/cds/}: cold is a run with no archive (the first run after a build:
 * every cold run gets a fresh, empty XDG_CACHE_HOME, and may create the archive); warm is a run
 * with what a run of the same kind left (one XDG_CACHE_HOME per kind, filled by the untimed first
 * round). Envboard cold, Envboard warm and the floors take turns in the same rounds, the first side
 * rotating each round, so all see the same load; figures are medians, with p90.
 * {@code JAVA_TOOL_OPTIONS="-Denvboard.bench.runs=N -Denvboard.bench.startup=version,nodes,window"}
 * sets the rounds (default 5) and the parts; the JVM option variables are kept out of every side.
 */
final class StartupBench implements Bench.Benchmark {
    private static final int RUNS = Integer.getInteger("envboard.bench.runs", 5);
    /** The untimed first round: it fills the warm cache dirs and warms the floors. */
    private static final int WARMUP = 1;
    private static final List<String> MODES = List.of("cold", "warm");
    private static final List<String> PARTS = List.of(System.getProperty("envboard.bench.startup", "version,nodes,window")
            .split(","));
    private static final List<String> KNOWN_PARTS = List.of("version", "nodes", "window");
    private static final String HELLO = "hello";
    private static final String FX_HELLO = "fx-hello";
    private static final Pattern HOSTS = Pattern.compile("\\bhosts=(\\d+)\\b");

    /** One figure, cold or warm: Envboard's samples beside its floor's (null for board). */
    private record Figure(String name, String mode, Samples envboard, Samples floor, double target) {
        double value() {
            return floor == null ? envboard.median() : envboard.median() / floor.median();
        }

        boolean met() {
            return value() <= target;
        }
    }

    /** One Envboard run in a cache dir ({@code mode} cold or warm); it records its own samples from round {@link #WARMUP} on. */
    @FunctionalInterface
    private interface EnvboardRun {
        void run(Path cache, String mode, int i) throws Exception;
    }

    private StartupCommands commands;
    private Path scratch;
    private Map<String, String> env;
    private final List<Figure> figures = new ArrayList<>();

    @Override
    public void run(BenchContext context) throws Exception {
        for (String part : PARTS) {
            if (!KNOWN_PARTS.contains(part)) {
                throw new BenchFailure("unknown part " + part + " in envboard.bench.startup (parts: " + String.join(",", KNOWN_PARTS) + ")");
            }
        }
        if (CallTrace.enabled()) {
            throw new BenchFailure("startup times separate processes: ENVBOARD_BENCH_TRACE does not apply to it");
        }
        commands = StartupCommands.fromCheckout();
        scratch = Files.createTempDirectory("envboard-startup");
        env = commands.environment(scratch);
        long began = System.nanoTime();
        try {
            String loadBefore = LoadAverage.now();
            System.out.println("startup: " + RUNS + " rounds after " + WARMUP + " untimed; java " + commands.java()
                    + ", the floors with default flags; envboard cold: a fresh empty XDG_CACHE_HOME each run (no AppCDS archive),"
                    + " warm: one XDG_CACHE_HOME per kind, which the untimed round's run of that kind filled");
            if (PARTS.contains("version")) {
                version();
            }
            if (PARTS.contains("nodes")) {
                try (Floor floor = new Floor()) {
                    nodes(context, floor);
                }
            }
            if (PARTS.contains("window")) {
                Sandbox sandbox = context.sandbox();
                System.out.println("(the sandbox: " + sandbox.swarmNodes().size() + " Swarm nodes, "
                        + sandbox.standaloneHosts().size() + " standalone hosts)");
                try (Xvfb xvfb = Xvfb.start(scratch.resolve("xvfb.log"))) {
                    System.out.println("display " + xvfb.display() + " (Xvfb pid " + xvfb.pid() + ")");
                    window(sandbox.poolsFile(), xvfb.display());
                }
            }
            System.out.println("startup: load average at the start " + loadBefore + ", at the end " + LoadAverage.now()
                    + "; took " + Math.round((System.nanoTime() - began) / 1e9) + " s");
            System.out.println(summary());
        } finally {
            delete(scratch);
        }
    }

    private void version() throws Exception {
        Map<String, Samples> envboard = modes();
        Samples hello = new Samples();
        List<Alternating.Side> sides = new ArrayList<>(envboardSides("version", (cache, mode, i) -> {
            StartupProcess.Exit exit = StartupProcess.run("envboard --version (" + mode + ")", commands.envboard("--version"),
                    withCache(env, cache), scratch);
            if (exit.out().isBlank()) {
                throw new BenchFailure("envboard --version printed nothing on stdout; stderr: " + exit.err().trim());
            }
            record(envboard.get(mode), i, exit.nanos());
        }));
        sides.add(new Alternating.Side(HELLO, i -> {
            StartupProcess.Exit exit = StartupProcess.run("java hello-world", commands.javaHello(), env, scratch);
            if (!exit.out().trim().equals("hello")) {
                throw new BenchFailure("the Java hello-world printed " + exit.out().trim() + "; stderr: " + exit.err().trim());
            }
            record(hello, i, exit.nanos());
        }));
        measure(sides);
        for (String mode : MODES) {
            Figure figure = new Figure("version", mode, envboard.get(mode), hello, 2.0);
            figures.add(figure);
            System.out.println("startup version " + mode + ": envboard=" + ms(figure.envboard()) + " hello=" + ms(hello)
                    + " ratio=" + Samples.ratio(figure.value()) + target(figure)
                    + "; p90 envboard=" + p90(figure.envboard()) + " hello=" + p90(hello));
        }
        System.out.println("  samples (ms, in order): " + values(envboard) + "; hello " + hello.values());
    }

    private void nodes(BenchContext context, Floor floor) throws Exception {
        List<PoolSpec> pools = context.app().pools().pools();
        List<String> names = context.sandbox().engines().stream().map(Sandbox.Engine::name).toList();
        List<List<String>> cli = cliReads(pools);
        Path poolsFile = context.sandbox().poolsFile();
        Map<String, Samples> envboard = modes();
        Samples docker = new Samples();
        Samples floorSamples = new Samples();
        List<Alternating.Side> sides = new ArrayList<>(envboardSides("nodes", (cache, mode, i) -> {
            StartupProcess.Exit exit = StartupProcess.run("envboard nodes (" + mode + ")",
                    commands.envboard("nodes", "--config", poolsFile.toString()), withCache(env, cache), scratch);
            List<String> missing = names.stream().filter(n -> !exit.out().contains(n)).toList();
            if (!missing.isEmpty()) {
                throw new BenchFailure("envboard nodes did not list " + missing + ": " + exit.out().trim() + "; stderr: " + exit.err().trim());
            }
            record(envboard.get(mode), i, exit.nanos());
        }));
        sides.add(new Alternating.Side(Alternating.CLI, i -> {
            long nanos = 0;
            for (List<String> command : cli) {
                nanos += StartupProcess.run("docker CLI", command, env, scratch).nanos();
            }
            record(docker, i, nanos);
        }));
        sides.add(new Alternating.Side(Alternating.FLOOR, i -> {
            long start = System.nanoTime();
            for (PoolSpec pool : pools) {
                NodesBench.floor(floor, pool);
            }
            record(floorSamples, i, System.nanoTime() - start);
        }));
        measure(sides);
        for (String mode : MODES) {
            Figure figure = new Figure("nodes", mode, envboard.get(mode), docker, 1.5);
            figures.add(figure);
            System.out.println("startup nodes " + mode + ": envboard=" + ms(figure.envboard()) + " docker-cli=" + ms(docker)
                    + " floor=" + ms(floorSamples) + " ratio=" + Samples.ratio(figure.value()) + target(figure)
                    + " floor-ratio=" + Samples.ratio(figure.envboard().median() / floorSamples.median())
                    + "; p90 envboard=" + p90(figure.envboard()) + " docker-cli=" + p90(docker) + " floor=" + p90(floorSamples));
        }
        System.out.println("  samples (ms, in order): " + values(envboard) + "; docker-cli " + docker.values());
        System.out.println("  docker-cli: " + cli.size() + " processes in a row: "
                + String.join("; ", cli.stream().map(c -> String.join(" ", c)
                .replaceAll("--tlscacert \\S+ --tlscert \\S+ --tlskey \\S+", "(pools.yaml's certificates)")).toList()));
    }

    /** {@code docker node ls} on each Swarm's manager, then {@code docker info} on every engine a pool names. */
    private static List<List<String>> cliReads(List<PoolSpec> pools) {
        List<List<String>> commands = new ArrayList<>();
        for (PoolSpec pool : pools) {
            if (pool.kind() == PoolKind.SWARM) {
                commands.add(StartupCommands.docker(pool.manager(), "node", "ls"));
            }
        }
        for (PoolSpec pool : pools) {
            for (EngineSpec engine : pool.engines()) {
                commands.add(StartupCommands.docker(engine.endpoint(), "info", "--format", "{{json .}}"));
            }
        }
        return commands;
    }

    private void window(Path poolsFile, String display) throws Exception {
        Map<String, String> windowEnv = new HashMap<>(env);
        windowEnv.put("DISPLAY", display);
        windowEnv.put("ENVBOARD_STARTUP_PROBE", "1");
        Map<String, Samples> envboard = modes();
        Map<String, Samples> populated = modes();
        Samples hello = new Samples();
        TreeSet<Integer> hosts = new TreeSet<>();
        List<Alternating.Side> sides = new ArrayList<>(envboardSides("window", (cache, mode, i) -> {
            try (StartupProcess.Watched window = StartupProcess.Watched.start("envboard window (" + mode + ")",
                    commands.envboard("--config", poolsFile.toString()), withCache(windowEnv, cache), scratch.resolve("window.out"))) {
                StartupProcess.Probe frame = window.await("first-frame");
                StartupProcess.Probe board = window.await("board-populated");
                Matcher count = HOSTS.matcher(board.line());
                if (!count.find() || Integer.parseInt(count.group(1)) == 0) {
                    throw new BenchFailure("envboard window: the board-populated line names no hosts: " + board.line());
                }
                record(envboard.get(mode), i, frame.nanos());
                record(populated.get(mode), i, board.nanos() - frame.nanos());
                if (i >= WARMUP) {
                    hosts.add(Integer.parseInt(count.group(1)));
                }
            }
        }));
        sides.add(new Alternating.Side(FX_HELLO, i -> {
            try (StartupProcess.Watched window = StartupProcess.Watched.start("JavaFX hello-world", commands.fxHello(),
                    windowEnv, scratch.resolve("fx-hello.out"))) {
                record(hello, i, window.await("first-frame").nanos());
            }
        }));
        measure(sides);
        for (String mode : MODES) {
            Figure frame = new Figure("window", mode, envboard.get(mode), hello, 1.3);
            figures.add(frame);
            System.out.println("startup window " + mode + ": envboard=" + ms(frame.envboard()) + " fx-hello=" + ms(hello)
                    + " ratio=" + Samples.ratio(frame.value()) + target(frame) + "; p90 envboard=" + p90(frame.envboard())
                    + " fx-hello=" + p90(hello) + " (the first frame, from the spawn)");
        }
        System.out.println("  samples (ms, in order): " + values(envboard) + "; fx-hello " + hello.values());
        for (String mode : MODES) {
            Figure board = new Figure("board", mode, populated.get(mode), null, 500);
            figures.add(board);
            System.out.println("startup board " + mode + ": populated=" + ms(board.envboard()) + " after the first frame" + target(board)
                    + ", hosts=" + String.join(",", hosts.stream().map(String::valueOf).toList()) + "; p90 " + p90(board.envboard()));
        }
        System.out.println("  samples (ms, in order): " + values(populated));
    }

    /**
     * Envboard's two sides: cold, each run in a fresh empty cache dir (removed after it), and warm,
     * every run in the same one, which the untimed round's run filled. Each says once what its first
     * run left in its cache.
     */
    private List<Alternating.Side> envboardSides(String kind, EnvboardRun run) {
        Path warmCache = scratch.resolve("warm-" + kind);
        return List.of(
                new Alternating.Side(Alternating.ENVBOARD + "-cold", i -> {
                    Path cache = Files.createTempDirectory(scratch, "cold-");
                    run.run(cache, "cold", i);
                    if (i == 0) {
                        System.out.println("  " + kind + " cold: after a run, " + cds(cache));
                    }
                    delete(cache);
                }),
                new Alternating.Side(Alternating.ENVBOARD + "-warm", i -> {
                    run.run(warmCache, "warm", i);
                    if (i == 0) {
                        System.out.println("  " + kind + " warm: after the untimed run, " + cds(warmCache));
                    }
                }));
    }

    private static void measure(List<Alternating.Side> sides) throws Exception {
        System.out.println(Alternating.order(sides.stream().map(Alternating.Side::name).toList()));
        Alternating.measure(WARMUP, RUNS, sides);
    }

    private static Map<String, Samples> modes() {
        Map<String, Samples> modes = new LinkedHashMap<>();
        MODES.forEach(mode -> modes.put(mode, new Samples()));
        return modes;
    }

    private static String values(Map<String, Samples> envboard) {
        return String.join("; ", envboard.entrySet().stream().map(e -> "envboard " + e.getKey() + " " + e.getValue().values()).toList());
    }

    private static void record(Samples samples, int i, long nanos) {
        if (i >= WARMUP) {
            samples.add(nanos);
        }
    }

    /** What the launcher left in {@code cache}/envboard/cds. */
    private static String cds(Path cache) throws IOException {
        Path dir = cache.resolve("envboard/cds");
        if (!Files.isDirectory(dir)) {
            return "no envboard/cds/ in XDG_CACHE_HOME";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> found = files.filter(Files::isRegularFile).sorted().map(f -> {
                try {
                    return dir.relativize(f) + " (" + String.format(Locale.ROOT, "%.1f", Files.size(f) / 1e6) + " MB)";
                } catch (IOException e) {
                    return dir.relativize(f) + " (" + e.getMessage() + ")";
                }
            }).toList();
            return "envboard/cds/ holds " + (found.isEmpty() ? "nothing" : String.join(", ", found));
        }
    }

    private static Map<String, String> withCache(Map<String, String> env, Path cache) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("XDG_CACHE_HOME", cache.toString());
        return copy;
    }

    private static String target(Figure figure) {
        String limit = figure.floor() == null ? Samples.ms(figure.target()) + " ms" : String.format(Locale.ROOT, "%.1f", figure.target());
        return " (target <= " + limit + (figure.met() ? ": met)" : ": NOT met)");
    }

    /** e.g. {@code startup (cold/warm): version ratio=2.10/1.80 (target <= 2.0: warm only) ...} */
    private String summary() {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("version", "nodes", "window", "board")) {
            List<Figure> both = figures.stream().filter(f -> f.name().equals(name)).toList();
            if (both.isEmpty()) {
                continue;
            }
            boolean board = name.equals("board");
            String values = String.join("/", both.stream().map(f -> board ? Samples.ms(f.value()) : Samples.ratio(f.value())).toList());
            long met = both.stream().filter(Figure::met).count();
            String verdict = met == both.size() ? "met" : met == 0 ? "NOT met" : both.stream().filter(Figure::met).map(Figure::mode)
                    .findFirst().orElseThrow() + " only";
            String limit = board ? Samples.ms(both.get(0).target()) + " ms" : String.format(Locale.ROOT, "%.1f", both.get(0).target());
            parts.add(name + (board ? " populated=" + values + " ms" : " ratio=" + values) + " (target <= " + limit + ": " + verdict + ")");
        }
        return "startup (cold/warm, medians of " + RUNS + "): " + String.join(" ", parts);
    }

    private static String ms(Samples samples) {
        return Samples.ms(samples.median()) + " ms";
    }

    private static String p90(Samples samples) {
        return Samples.ms(samples.percentile(90)) + " ms";
    }


    static void delete(Path dir) throws IOException {
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
