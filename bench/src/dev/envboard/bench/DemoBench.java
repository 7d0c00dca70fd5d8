package dev.envboard.bench;

import dev.envboard.demo.DemoListener;
import dev.envboard.demo.DemoPhase;
import dev.envboard.demo.EntryPoint;
import dev.envboard.demo.LaunchRequest;
import dev.envboard.demo.LaunchResult;
import dev.envboard.demo.TeardownResult;
import dev.envboard.demo.template.DemoTemplate;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateReader;
import dev.envboard.demo.template.TemplateStacks;
import dev.envboard.demo.template.TemplateVariables;
import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo}: from "Launch" confirmed until every entry point answers HTTP 200, for the example
 * template {@code webshop} (shop, api, worker; two hosts) on the sandbox's two standalone hosts, both
 * free (the set-up moves envboard-host-1 out of qa by hand and puts it back at the end).
 * <ul>
 * <li>Envboard: {@code DemoService.launch} through the services, as the board and {@code envboard demo
 *     launch} call it (checks, the demo's record in the pool, the audited moves of both hosts, the
 *     redeploy run with resolve and pull, depends_on order and the wait until healthy, the entry
 *     points, the record again), then each entry point asked with an HTTP client every 100 ms until
 *     it answers 200. Its teardown between runs is not timed.</li>
 * <li>docker-cli: the sequence a presales engineer's script runs ({@link DemoByHand}).</li>
 * <li>floor: Envboard's calls by minimal warm clients ({@link DemoFloor}).</li>
 * </ul>
 * Every run starts from the same state, made untimed: both hosts in Unassigned, nothing of the demo
 * on them (checked: containers, networks, record volumes, the label; anything left fails the
 * benchmark with the engines' state), and no reference to the registry's image on them, so every
 * side pulls it (its layers are there: it is the imported envboard/demo:1, so a pull is the
 * manifest and the config).
 */
final class DemoBench implements Bench.Benchmark {
    private static final int WARMUP = Integer.getInteger("envboard.bench.warmup", 1);
    private static final int RUNS = Integer.getInteger("envboard.bench.runs", 5);
    private static final String POOL = "sandbox-hosts";
    private static final String TEMPLATE = "webshop";
    private static final String CUSTOMER = "bench";
    private static final String ENV = "demo-" + CUSTOMER;
    private static final long HTTP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private HttpClient http;

    @Override
    public void run(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        BenchRegistry registry = new BenchRegistry(sandbox);
        Path templates = Path.of("examples", "templates").toAbsolutePath();
        if (!Files.isDirectory(templates.resolve(TEMPLATE))) {
            throw new BenchFailure("no template " + TEMPLATE + " in " + templates);
        }
        String loadBefore = LoadAverage.now();
        String owner = System.getProperty("user.name");
        try (BenchContext bench = context.withTemplates(templates, registry.dockerConfig());
             DemoHosts hosts = DemoHosts.unassignAll(sandbox, ENV);
             Floor floor = new Floor()) {
            PoolSpec pool = bench.app().pools().pool(POOL).orElseThrow(() -> new BenchFailure("no pool " + POOL + " in the sandbox"));
            StackLoader loader = new StackLoader();
            DemoTemplate template = new TemplateCatalog(new TemplateReader(loader)).find(pool.templatesDir(), TEMPLATE);
            Stack stack = new TemplateStacks(loader).load(template, ENV,
                    TemplateVariables.resolve(template, Map.of()).forStack(CUSTOMER, owner));
            List<EngineSpec> engines = pool.engines();
            if (stack.services().size() != 3 || template.hosts() != 2 || engines.size() != 2) {
                throw new BenchFailure("the benchmark wants a 3-service template on 2 hosts: " + TEMPLATE + " has "
                        + stack.services().size() + " services for " + template.hosts() + " hosts, pool " + POOL + " has "
                        + engines.size() + " engines");
            }
            List<Sandbox.Engine> cliHosts = engines.stream().map(e -> sandbox.engine(e.name())).toList();
            DemoContainers containers = new DemoContainers(template, stack,
                    cliHosts.stream().map(h -> sandbox.docker(h, "info", "--format", "{{.Name}}")).toList(),
                    engines.stream().map(EngineSpec::address).toList());
            Map<String, String> demoLabels = DemoContainers.demoLabels(owner, CUSTOMER, TEMPLATE, Instant.now());
            List<FloorSsh> sessions = new ArrayList<>();
            try (DemoByHand byHand = new DemoByHand(sandbox, cliHosts, engines.stream().map(EngineSpec::daemonJson).toList(),
                    containers, registry.dockerConfig(), ENV, demoLabels)) {
                for (EngineSpec engine : engines) {
                    FloorSsh ssh = new FloorSsh(engine.ssh());
                    sessions.add(ssh);
                    ssh.exec("true", null).ok("log in"); // logged in once, before the runs
                }
                FloorRegistry floorRegistry = new FloorRegistry(sandbox.registry());
                DemoFloor floorSide = new DemoFloor(floor, engines, sessions, containers, floorRegistry, ENV, pool.labelKey(),
                        recordFields(owner, template, containers), demoLabels);
                System.out.println("demo: template " + TEMPLATE + " (" + String.join(", ", stack.services().keySet()) + ") as " + ENV
                        + " on " + String.join(", ", engines.stream().map(EngineSpec::displayName).toList()) + " (before: "
                        + hosts.environmentsBefore() + ", Unassigned during the runs); entry points "
                        + String.join(", ", containers.entries().stream().map(e -> e.target() + " " + e.url()).toList()));
                System.out.println("demo: timed from the launch until every entry point answers HTTP 200; each run starts untimed with both"
                        + " hosts in Unassigned, nothing of " + ENV + " on them and no reference to " + registry.image("1").replaceFirst(":1$", "")
                        + " (every side pulls it); cleanup between runs (untimed) must leave nothing, checked");
                System.out.println("demo: docker-cli is ssh + jq + SIGHUP per host, docker info until the labels show, docker pull, "
                        + "docker network create, docker run of every container at once (no depends_on order), curl until 200");
                System.out.println(Alternating.order());
                hosts.checkNothingLeft("the set-up");
                startClean(sandbox, registry, hosts);
                PhaseClock envboardClock = new PhaseClock();
                PhaseClock cliClock = new PhaseClock();
                PhaseClock floorClock = new PhaseClock();
                Alternating.Result result = Alternating.measure(WARMUP, RUNS, List.of(
                        new Alternating.Side(Alternating.ENVBOARD,
                                guarded("Envboard's launch", hosts, i -> envboard(bench, pool, containers, envboardClock)),
                                guarded("Envboard's teardown", hosts, i -> {
                                    report(i, Alternating.ENVBOARD, envboardClock);
                                    checkPlacement(sandbox, cliHosts, containers);
                                    TeardownResult down = bench.app().demoService().teardown(pool, ENV, DemoListener.NONE, new CancelToken());
                                    if (!down.done()) {
                                        throw new BenchFailure("Envboard's teardown " + down.outcome() + ": " + down.message());
                                    }
                                    hosts.checkNothingLeft("Envboard's teardown");
                                    startClean(sandbox, registry, hosts);
                                })),
                        new Alternating.Side(Alternating.CLI,
                                guarded("the CLI's launch", hosts, i -> {
                                    cliClock.start();
                                    byHand.launch(cliClock);
                                }),
                                guarded("the CLI's cleanup", hosts, i -> {
                                    report(i, Alternating.CLI, cliClock);
                                    checkPlacement(sandbox, cliHosts, containers);
                                    hosts.removeDemo();
                                    byHand.removeBackups();
                                    hosts.unassign();
                                    hosts.checkNothingLeft("the CLI's cleanup");
                                    startClean(sandbox, registry, hosts);
                                })),
                        new Alternating.Side(Alternating.FLOOR,
                                guarded("the floor's launch", hosts, i -> {
                                    floorClock.start();
                                    floorSide.launch(floorClock, () -> http);
                                }),
                                guarded("the floor's cleanup", hosts, i -> {
                                    report(i, Alternating.FLOOR, floorClock);
                                    checkPlacement(sandbox, cliHosts, containers);
                                    hosts.removeDemo();
                                    hosts.unassign();
                                    hosts.checkNothingLeft("the floor's cleanup");
                                    startClean(sandbox, registry, hosts);
                                }))));
                System.out.println("demo: where the time goes (medians of the timed runs, ms):");
                System.out.println("  envboard: " + envboardClock.describeMedians());
                System.out.println("  docker-cli: " + cliClock.describeMedians());
                System.out.println("  floor: " + floorClock.describeMedians());
                System.out.println("demo: " + result.p90s());
                System.out.println("demo: load average before " + loadBefore + ", after " + LoadAverage.now());
                System.out.println("demo: " + result.summary() + " (target ratio <= 1.00)");
            } finally {
                sessions.forEach(FloorSsh::close);
            }
        }
    }

    private void envboard(BenchContext bench, PoolSpec pool, DemoContainers containers, PhaseClock clock) throws Exception {
        clock.start();
        DemoListener listener = new DemoListener() {
            private String current = "validate";
            private boolean movesTimed;

            @Override
            public void phase(DemoPhase phase) {
                if (phase != DemoPhase.VALIDATE && !(current.equals("label hosts") && movesTimed)) {
                    clock.mark(current);
                }
                current = phase.label().toLowerCase();
            }

            /** Each host's audited move ends with this message: its own time. */
            @Override
            public void message(String text) {
                if (current.equals("label hosts") && text.startsWith("moved ")) {
                    clock.mark("label hosts: " + text.substring("moved ".length(), text.indexOf(" to ")));
                    movesTimed = true;
                }
            }

            @Override
            public void stepFinished(DeployStep step, Duration took, boolean ok) {
                clock.mark("deploy: " + step.name().toLowerCase().replace('_', ' '));
            }
        };
        LaunchResult launched = bench.app().demoService().launch(pool, LaunchRequest.of(TEMPLATE, CUSTOMER, Map.of()), listener,
                new CancelToken());
        clock.mark("entry points + record");
        if (!launched.launched()) {
            throw new BenchFailure("Envboard's launch " + launched.outcome() + ": " + launched.message());
        }
        List<EntryPoint> points = launched.demo().entryPoints();
        if (points.size() != containers.entries().size()) {
            throw new BenchFailure("Envboard's launch gave " + points.size() + " entry points, the template has " + containers.entries().size());
        }
        for (EntryPoint point : points) {
            if (point.url() == null) {
                throw new BenchFailure("Envboard's launch gave no address for entry point " + point.target());
            }
            untilOk(http, new DemoContainers.Entry(point.target(), point.url()), "Envboard's");
        }
        clock.mark("http until 200");
    }

    /** Asks the entry point every 100 ms until it answers 200; fails after 60 s, saying what it answered last. */
    static void untilOk(HttpClient http, DemoContainers.Entry entry, String whose) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(entry.url())).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + HTTP_WAIT_NANOS;
        String last;
        while (true) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure(whose + " entry point " + entry.target() + " (" + entry.url() + ") did not answer 200 within 60 s ("
                        + last + ")");
            }
            Thread.sleep(100);
        }
    }

    /**
     * The state every run starts from: no reference to the registry's image on the hosts (so each side
     * pulls it), and a new HTTP client (no connection kept to a demo that is gone).
     */
    private void startClean(Sandbox sandbox, BenchRegistry registry, DemoHosts hosts) {
        for (Sandbox.Engine host : hosts.engines()) {
            registry.removeReferences(sandbox, host, null);
            List<String> left = registry.digestsOn(sandbox, host);
            if (!left.isEmpty()) {
                throw new BenchFailure(host.name() + " still holds " + registry.image("1").replaceFirst(":1$", "") + " at " + left
                        + " after removing its references\n" + hosts.state());
            }
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Every side must have started the same containers on the same hosts (the placement the CLI and the floor copy from Envboard's placer). */
    private static void checkPlacement(Sandbox sandbox, List<Sandbox.Engine> hosts, DemoContainers containers) {
        for (DemoContainers.Replica replica : containers.replicas()) {
            Sandbox.Engine host = hosts.get(replica.host());
            String state = sandbox.docker(host, "ps", "-a", "--filter", "name=" + replica.name(), "--format", "{{.Names}} {{.State}}");
            if (!DemoHosts.lines(state).contains(replica.name() + " running")) {
                throw new BenchFailure(replica.name() + " does not run on " + host.name() + " (there: " + state.trim() + ")");
            }
        }
    }

    private static void report(int round, String side, PhaseClock clock) {
        clock.finish(round >= WARMUP);
        System.out.println("  round " + (round + 1) + (round < WARMUP ? " (warm-up)" : "") + " " + side + ": " + clock.describeRun());
    }

    /** The fields of the demo record PoolDemoRecords writes, with values of the same size. */
    private static Map<String, String> recordFields(String owner, DemoTemplate template, DemoContainers containers) {
        Instant now = Instant.now();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("owner", owner);
        fields.put("customer", CUSTOMER);
        fields.put("template", template.name());
        fields.put("created", now.toString());
        fields.put("expires", now.plus(template.lifetime().defaultLifetime()).toString());
        fields.put("latest-expiry", now.plus(template.lifetime().max()).toString());
        fields.put("keep", "false");
        StringBuilder hosts = new StringBuilder("[");
        for (int h = 0; h < 2; h++) {
            hosts.append(h == 0 ? "" : ",").append("{\"entry\":\"sandbox-hosts/host-").append(h).append("\",\"name\":\"")
                    .append(containers.hostName(h)).append("\"}");
        }
        fields.put("hosts", hosts.append(']').toString());
        fields.put("variables", "{}");
        StringBuilder points = new StringBuilder("[");
        for (DemoContainers.Entry entry : containers.entries()) {
            points.append(points.length() > 1 ? "," : "").append("{\"title\":\"").append(entry.target()).append("\",\"target\":\"")
                    .append(entry.target()).append("\",\"url\":\"").append(entry.url()).append("\"}");
        }
        fields.put("entry-points", points.append(']').toString());
        fields.put("left", "[]");
        return fields;
    }

    /** A side that fails ends the benchmark saying which, in which round, why, and what the engines hold now. */
    private static Alternating.Run guarded(String what, DemoHosts hosts, Alternating.Run run) {
        return i -> {
            try {
                run.run(i);
            } catch (Exception | AssertionError e) {
                String why = e instanceof BenchFailure ? e.getMessage() : e.toString();
                if (why.contains("engine state of ")) {
                    throw new BenchFailure(what + " failed in round " + (i + 1) + ":\n  " + why.replace("\n", "\n  "), e);
                }
                throw new BenchFailure(what + " failed in round " + (i + 1) + ":\n  " + why.replace("\n", "\n  ") + "\n" + hosts.state(), e);
            }
        };
    }

}
