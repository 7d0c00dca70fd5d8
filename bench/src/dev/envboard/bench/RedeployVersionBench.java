package dev.envboard.bench;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code redeploy-version}: 10 services x 2 replicas on the Swarm moved from {@code :1} to
 * {@code :2} of the sandbox's private registry. Envboard (validate, resolve, pre-pull on both nodes,
 * then remove, wait until gone, create pinned to the digest with the registry auth, wait until
 * every replica runs) against the correct CLI sequence: {@code docker stack rm}, wait until its
 * tasks and networks are gone, {@code docker --config DIR stack deploy --with-registry-auth}, wait
 * until all replicas run ({@link SwarmByHand}). The CLI side pulls nothing by hand: each Swarm node
 * pulls {@code :2} when its tasks start, with the login the deploy sent, as real workers do, inside
 * the CLI's downtime.
 * <p>
 * Every timed run of either side starts from the same state, made untimed by the same code: the
 * stack at {@code :1} deployed by the CLI and running, and no reference to {@code :2} (its tags,
 * {@code REPO@DIGEST}) on any Swarm node, removed by name, so both sides pull it; after each run both
 * nodes hold {@code REPO@DIGEST} of {@code :2} again, which only a pull gives back, checked, and the
 * engines' own image pull events of the run are printed, relative to its start. (The content stays:
 * it is the imported envboard/demo:2, which the sandbox keeps; a pull finds its layers present.)
 * <p>
 * Downtime, the same for both sides: from the start of the removal (Envboard: its REMOVE step
 * starts, which is its deploy record's downtimeMillis; the CLI: {@code docker stack rm} is started)
 * until the side itself sees every new replica running. Total: the whole timed run.
 * <p>
 * No floor: its calls would be Envboard's, and both sides are bound by Swarm's own pace (see the
 * {@code redeploy} benchmark, floor-ratio 1.1); the figure that matters here is where the pulls fall.
 */
final class RedeployVersionBench implements Bench.Benchmark {
    private static final int WARMUP = Integer.getInteger("envboard.bench.warmup", 1);
    private static final int RUNS = Integer.getInteger("envboard.bench.runs", 3);
    private static final String ENV = "benchv";
    private static final int SERVICES = 10;
    private static final int REPLICAS = 2;
    private static final List<String> NODES = List.of("envboard-swarm-2", "envboard-swarm-3");

    @Override
    public void run(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        BenchRegistry registry = new BenchRegistry(sandbox);
        String one = registry.digest("1");
        String two = registry.digest("2");
        if (one.equals(two)) {
            throw new BenchFailure(registry.image("1") + " and :2 name the same digest " + one + ": scripts/sandbox.sh up pushes two versions");
        }
        Path dir = Files.createTempDirectory("envboard-bench-stacks");
        BenchStacks.write(dir, ENV, SERVICES, REPLICAS, registry.image("2")); // what Envboard deploys
        Path cli1 = BenchStacks.cliCompose(dir, ENV, SERVICES, REPLICAS, registry.image("1"), "cli-1.yaml");
        Path cli2 = BenchStacks.cliCompose(dir, ENV, SERVICES, REPLICAS, registry.image("2"), "cli-2.yaml");
        List<Sandbox.Engine> nodes = NODES.stream().map(sandbox::engine).toList();
        SwarmByHand prepare = new SwarmByHand(sandbox, ENV, cli1, registry.dockerConfig());
        SwarmByHand byHand = new SwarmByHand(sandbox, ENV, cli2, registry.dockerConfig());
        String loadBefore = LoadAverage.now();
        List<String> previous = new ArrayList<>();
        for (String node : NODES) {
            previous.add(sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", node));
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, node);
        }
        System.out.println("redeploy-version: " + SERVICES + " services x " + REPLICAS + " replicas on " + String.join(", ", NODES)
                + ", " + registry.image("1") + " -> :2 (" + one.substring(0, 19) + "... -> " + two.substring(0, 19) + "...)");
        System.out.println("each run starts from :1 running (deployed by the CLI, untimed) and no reference to :2 on any Swarm node;"
                + " after it both nodes must hold :2@digest again (only a pull gives it back)");
        System.out.println("Envboard pre-pulls :2@digest on both nodes before its removal; the CLI pulls nothing by hand: each Swarm node"
                + " pulls :2 when its tasks start, with the login --with-registry-auth sent, inside the CLI's downtime");
        System.out.println("pulls: the nodes' own image pull events of :2 in the run, in ms from its start");
        System.out.println("downtime: from the start of the removal (Envboard's REMOVE step, its record's downtimeMillis; "
                + "the CLI's docker stack rm) until the side sees every new replica running");
        System.out.println(Alternating.order(List.of(Alternating.ENVBOARD, Alternating.CLI)));
        Map<String, Samples> totals = new LinkedHashMap<>();
        Map<String, Samples> downtimes = new LinkedHashMap<>();
        for (String side : List.of(Alternating.ENVBOARD, Alternating.CLI)) {
            totals.put(side, new Samples());
            downtimes.put(side, new Samples());
        }
        try (BenchContext bench = context.withStacks(dir, registry.dockerConfig())) {
            PoolSpec pool = bench.app().pools().pool("sandbox-swarm").orElseThrow();
            List<String> sides = List.of(Alternating.ENVBOARD, Alternating.CLI);
            for (int i = 0; i < WARMUP + RUNS; i++) {
                for (int k = 0; k < sides.size(); k++) {
                    String side = sides.get((i + k) % sides.size());
                    String what = (side.equals(Alternating.ENVBOARD) ? "Envboard's" : "the CLI's") + " move to :2";
                    try {
                        startFromOne(sandbox, registry, prepare, one, two);
                        long wallStart = System.currentTimeMillis();
                        long total;
                        long downtime;
                        String detail;
                        if (side.equals(Alternating.ENVBOARD)) {
                            long start = System.nanoTime();
                            DeployRecord record = bench.app().redeployService().redeploy(pool, ENV, DeployListener.NONE, new CancelToken());
                            total = System.nanoTime() - start;
                            if (!record.succeeded()) {
                                throw new BenchFailure(record.result() + ": " + record.error());
                            }
                            downtime = record.downtimeMillis() * 1_000_000L;
                            detail = steps(record);
                        } else {
                            SwarmByHand.Timing t = byHand.redeploy();
                            total = t.totalNanos();
                            downtime = t.totalNanos(); // its removal starts the run
                            detail = "stack rm + wait gone " + ms(t.gone() - t.started()) + ", stack deploy " + ms(t.deployed() - t.gone())
                                    + ", wait ready (Swarm's pulls and task starts) " + ms(t.ready() - t.deployed());
                        }
                        long wallEnd = System.currentTimeMillis();
                        runs(sandbox, two);
                        String pulls = pulledOnEveryNode(sandbox, registry, nodes, two, wallStart, wallEnd);
                        System.out.println("  round " + (i + 1) + (i < WARMUP ? " (warm-up)" : "") + " " + side + ": total " + ms(total)
                                + ", downtime " + ms(downtime) + " (" + detail + "); pulls " + pulls);
                        if (i >= WARMUP) {
                            totals.get(side).add(total);
                            downtimes.get(side).add(downtime);
                        }
                    } catch (BenchFailure | AssertionError e) {
                        throw new BenchFailure(what + " failed in round " + (i + 1) + ":\n  " + String.valueOf(e.getMessage()).replace("\n", "\n  ")
                                + "\n" + EngineState.describe(sandbox, ENV), e);
                    }
                }
            }
        } finally {
            cleanUp(sandbox, registry, previous);
        }
        Samples et = totals.get(Alternating.ENVBOARD);
        Samples ct = totals.get(Alternating.CLI);
        Samples ed = downtimes.get(Alternating.ENVBOARD);
        Samples cd = downtimes.get(Alternating.CLI);
        System.out.println("redeploy-version: load average at the start " + loadBefore + ", at the end " + LoadAverage.now());
        System.out.println("redeploy-version: total envboard=" + Samples.ms(et.median()) + " ms docker-cli=" + Samples.ms(ct.median())
                + " ms total-ratio=" + Samples.ratio(et.median() / ct.median()) + " (target <= 1.10); medians of " + RUNS + " runs each");
        System.out.println("redeploy-version: downtime envboard=" + Samples.ms(ed.median()) + " ms docker-cli=" + Samples.ms(cd.median())
                + " ms ratio=" + Samples.ratio(ed.median() / cd.median()) + " (target <= 0.50)");
    }

    /**
     * Checks that each node pulled {@code digest} in the run: it holds {@code REPO@DIGEST} again,
     * which only a pull gives back after its removal. Returns, per node, the engine's own pull
     * events of that digest between the two wall-clock instants, in ms from the first.
     */
    private static String pulledOnEveryNode(Sandbox sandbox, BenchRegistry registry, List<Sandbox.Engine> nodes, String digest,
            long wallStart, long wallEnd) {
        List<String> perNode = new ArrayList<>();
        for (Sandbox.Engine node : nodes) {
            if (!registry.digestsOn(sandbox, node).contains(digest)) {
                throw new BenchFailure(node.name() + " holds no " + registry.image("2") + "@" + digest + " after the move: it did not pull it");
            }
            String events = sandbox.docker(node, "events", "--since", seconds(wallStart - 1000), "--until", seconds(wallEnd + 1000),
                    "--filter", "type=image", "--filter", "event=pull", "--format", "{{.TimeNano}} {{.Actor.ID}}");
            List<String> at = events.lines().map(String::trim).filter(l -> l.contains(digest))
                    .map(l -> String.valueOf(Long.parseLong(l.split(" ")[0]) / 1_000_000L - wallStart)).toList();
            perNode.add(node.name() + " " + (at.isEmpty() ? "none" : String.join("/", at)));
        }
        return String.join(", ", perNode);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }


    /**
     * The state every timed run starts from: the stack at :1 as the CLI deploys it, every replica
     * running :1, and no reference to :2 on any Swarm node. Checked, so a run never starts elsewhere.
     */
    private static void startFromOne(Sandbox sandbox, BenchRegistry registry, SwarmByHand prepare, String one, String two)
            throws InterruptedException {
        prepare.redeploy();
        for (Sandbox.Engine node : sandbox.swarmNodes()) {
            registry.removeReferences(sandbox, node, two);
            if (registry.digestsOn(sandbox, node).contains(two)) {
                throw new BenchFailure(node.name() + " still holds a reference to " + registry.image("2") + "@" + two + " after its removal");
            }
        }
        runs(sandbox, one);
    }

    /** Every service of the stack pinned to {@code digest}, all replicas running, as the manager says. */
    private static void runs(Sandbox sandbox, String digest) {
        String services = sandbox.docker(sandbox.manager(), "service", "ls", "--filter", "label=com.docker.stack.namespace=" + ENV,
                "--format", "{{.Name}} {{.Replicas}}");
        List<String> lines = services.lines().filter(l -> !l.isBlank()).toList();
        List<String> inspect = new ArrayList<>(List.of("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}"));
        lines.forEach(l -> inspect.add(l.split(" ")[0]));
        List<String> images = lines.isEmpty() ? List.of() : sandbox.docker(sandbox.manager(), inspect.toArray(String[]::new)).lines().toList();
        boolean ok = lines.size() == SERVICES && lines.stream().allMatch(l -> l.endsWith(" " + REPLICAS + "/" + REPLICAS))
                && images.size() == SERVICES && images.stream().allMatch(i -> i.endsWith("@" + digest));
        if (!ok) {
            throw new BenchFailure("expected " + SERVICES + " services, each " + REPLICAS + "/" + REPLICAS + " on @" + digest
                    + "; the manager shows:\n" + services + "\nimages: " + images);
        }
    }

    private static String steps(DeployRecord record) {
        List<String> parts = new ArrayList<>();
        for (DeployRecord.StepTiming step : record.steps()) {
            parts.add(step.step().toLowerCase(Locale.ROOT) + " " + step.millis() + " ms");
        }
        return String.join(", ", parts);
    }

    private static String ms(long nanos) {
        return Samples.ms(nanos / 1_000_000.0) + " ms";
    }

    /** The stack removed, the nodes' labels as they were, and no reference to the registry's images left on the Swarm. */
    private static void cleanUp(Sandbox sandbox, BenchRegistry registry, List<String> previous) {
        BenchStacks.cleanUp(sandbox, ENV);
        for (int i = 0; i < NODES.size(); i++) {
            try {
                if (previous.get(i).isEmpty()) {
                    sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODES.get(i));
                } else {
                    sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + previous.get(i), NODES.get(i));
                }
            } catch (AssertionError e) { // said, and the failure that brought us here still reported
                System.err.println("WARNING: the label of " + NODES.get(i) + " was not put back: " + e.getMessage().trim());
            }
        }
        for (Sandbox.Engine node : sandbox.swarmNodes()) {
            registry.removeReferences(sandbox, node, null);
        }
    }
}
