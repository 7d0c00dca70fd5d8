package dev.envboard.bench;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code redeploy}: redeploy an environment of 10 services / 20 containers, Envboard vs the docker
 * CLI doing the same correctly, vs the floor (the Engine API calls Envboard makes, by a minimal
 * client: {@link SwarmFloor}, {@link StandaloneFloor}). Swarm: docker stack rm, wait until its
 * tasks and networks are gone, docker stack deploy, wait until all replicas run. Standalone: remove
 * the containers, wait until gone, create and start them again, wait until they run (the CLI on
 * both hosts at once, its runs 8 at a time). Each side redeploys what the side before it deployed;
 * sides alternate, the first rotating each round. A side that fails stops the benchmark with the
 * engines' state as the docker CLI shows it.
 */
final class RedeployBench implements Bench.Benchmark {
    private static final int WARMUP = 1;
    private static final int RUNS = 5;
    private static final String ENV = "bench";
    private static final int SERVICES = 10;
    private static final int REPLICAS = 2;

    @Override
    public void run(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        Path stacks = Path.of(context.app().pools().pool("sandbox-swarm").orElseThrow().stacksDir().toString());
        Path dir = Files.createTempDirectory("envboard-bench-stacks");
        BenchStacks.write(dir, ENV, SERVICES, REPLICAS);
        try (BenchContext bench = context.withStacks(dir); Floor floor = new Floor()) {
            System.out.println(Alternating.order());
            Alternating.Result swarm = swarm(bench, floor);
            print("redeploy-swarm", swarm);
            Alternating.Result standalone = standalone(bench, floor);
            print("redeploy-standalone", standalone);
            System.out.println("redeploy: " + SERVICES + " services / " + SERVICES * REPLICAS + " containers; swarm "
                    + swarm.summary() + "; standalone " + standalone.summary() + " (target ratio <= 1.00)");
        } finally {
            BenchStacks.cleanUp(sandbox, ENV);
        }
        System.err.println("(stacks of the sandbox untouched: " + stacks + ")");
    }

    private static void print(String name, Alternating.Result result) {
        System.out.println(name + ": " + result.p90s());
        System.out.println(name + ": " + result.summary());
    }

    private Alternating.Result swarm(BenchContext context, Floor floor) throws Exception {
        Sandbox sandbox = context.sandbox();
        List<String> nodes = List.of("envboard-swarm-2", "envboard-swarm-3");
        List<String> previous = new ArrayList<>();
        for (String node : nodes) {
            previous.add(sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", node));
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, node);
        }
        PoolSpec pool = context.app().pools().pool("sandbox-swarm").orElseThrow();
        SwarmByHand byHand = new SwarmByHand(sandbox, ENV, BenchStacks.cliCompose(context.stacksDir(), ENV));
        List<EndpointSpec> nodeEngines = pool.engines().stream().filter(e -> nodes.contains(e.name())).map(EngineSpec::endpoint).toList();
        SwarmFloor floorSide = new SwarmFloor(floor, pool.manager(), nodeEngines, ENV, SERVICES, REPLICAS);
        try {
            return Alternating.measure(WARMUP, RUNS,
                    guarded("Envboard's Swarm redeploy", sandbox, i -> envboard(context, pool)),
                    guarded("the CLI's Swarm redeploy", sandbox, i -> byHand.redeploy()),
                    guarded("the floor's Swarm redeploy", sandbox, i -> floorSide.redeploy()));
        } finally {
            BenchStacks.cleanUp(sandbox, ENV);
            for (int i = 0; i < nodes.size(); i++) {
                if (previous.get(i).isEmpty()) {
                    sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", nodes.get(i));
                } else {
                    sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + previous.get(i), nodes.get(i));
                }
            }
        }
    }

    private Alternating.Result standalone(BenchContext context, Floor floor) throws Exception {
        Sandbox sandbox = context.sandbox();
        try (StandaloneEnvironment hosts = StandaloneEnvironment.label(sandbox, ENV);
             StandaloneByHand byHand = new StandaloneByHand(sandbox, ENV, SERVICES, REPLICAS)) {
            PoolSpec pool = context.app().pools().pool("sandbox-hosts").orElseThrow();
            StandaloneFloor floorSide = new StandaloneFloor(floor, pool.engines().stream().map(EngineSpec::endpoint).toList(),
                    ENV, SERVICES, REPLICAS);
            return Alternating.measure(WARMUP, RUNS,
                    guarded("Envboard's standalone redeploy", sandbox, i -> envboard(context, pool)),
                    guarded("the CLI's standalone redeploy", sandbox, i -> byHand.redeploy()),
                    guarded("the floor's standalone redeploy", sandbox, i -> floorSide.redeploy()));
        }
    }

    private static void envboard(BenchContext context, PoolSpec pool) {
        DeployRecord record = context.app().redeployService().redeploy(pool, ENV, DeployListener.NONE, new CancelToken());
        if (!record.succeeded()) {
            throw new BenchFailure(record.result() + ": " + record.error());
        }
    }

    /** A side that fails ends the benchmark saying which, in which round, why, and what the engines hold now. */
    private static Alternating.Run guarded(String side, Sandbox sandbox, Alternating.Run run) {
        return i -> {
            try {
                run.run(i);
            } catch (Exception | AssertionError e) {
                String why = e instanceof BenchFailure ? e.getMessage() : e.toString();
                throw new BenchFailure(side + " failed in round " + (i + 1) + ":\n  " + why.replace("\n", "\n  ") + "\n"
                        + EngineState.describe(sandbox, ENV), e);
            }
        };
    }
}
