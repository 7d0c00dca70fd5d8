package dev.envboard.bench;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code redeploy}: redeploy an environment of 10 services / 20 containers, Envboard vs the docker
 * CLI doing the same correctly. Swarm: docker stack rm, wait until its tasks and networks are gone,
 * docker stack deploy, wait until all replicas run. Standalone: remove the containers, wait until
 * gone, create and start them again, wait until they run. Runs alternate; ratio = Envboard / CLI.
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
        try (BenchContext bench = context.withStacks(dir)) {
            Alternating.Result swarm = swarm(bench);
            print("redeploy-swarm", swarm);
            Alternating.Result standalone = standalone(bench);
            print("redeploy-standalone", standalone);
            System.out.println("redeploy: " + SERVICES + " services / " + SERVICES * REPLICAS + " containers; swarm envboard="
                    + Samples.ms(swarm.envboard().median()) + " ms docker-cli=" + Samples.ms(swarm.cli().median())
                    + " ms ratio=" + Samples.ratio(swarm.ratio()) + "; standalone envboard=" + Samples.ms(standalone.envboard().median())
                    + " ms docker-cli=" + Samples.ms(standalone.cli().median()) + " ms ratio=" + Samples.ratio(standalone.ratio())
                    + " (target <= 1.00)");
        } finally {
            BenchStacks.cleanUp(sandbox, ENV);
        }
        System.err.println("(stacks of the sandbox untouched: " + stacks + ")");
    }

    private static void print(String name, Alternating.Result result) {
        System.out.println(name + ": envboard=" + Samples.ms(result.envboard().median()) + " ms (p90 "
                + Samples.ms(result.envboard().percentile(90)) + ") docker-cli=" + Samples.ms(result.cli().median())
                + " ms (p90 " + Samples.ms(result.cli().percentile(90)) + ") ratio=" + Samples.ratio(result.ratio()));
    }

    private Alternating.Result swarm(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        List<String> nodes = List.of("envboard-swarm-2", "envboard-swarm-3");
        List<String> previous = new ArrayList<>();
        for (String node : nodes) {
            previous.add(sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", node));
            sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, node);
        }
        PoolSpec pool = context.app().pools().pool("sandbox-swarm").orElseThrow();
        SwarmByHand byHand = new SwarmByHand(sandbox, ENV, BenchStacks.cliCompose(context.stacksDir(), ENV));
        try {
            return Alternating.measure(WARMUP, RUNS, i -> envboard(context, pool), i -> byHand.redeploy());
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

    private Alternating.Result standalone(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        try (StandaloneEnvironment hosts = StandaloneEnvironment.label(sandbox, ENV)) {
            PoolSpec pool = context.app().pools().pool("sandbox-hosts").orElseThrow();
            StandaloneByHand byHand = new StandaloneByHand(sandbox, ENV, SERVICES, REPLICAS);
            return Alternating.measure(WARMUP, RUNS, i -> envboard(context, pool), i -> byHand.redeploy());
        }
    }

    private static void envboard(BenchContext context, PoolSpec pool) {
        DeployRecord record = context.app().redeployService().redeploy(pool, ENV, DeployListener.NONE, new CancelToken());
        if (!record.succeeded()) {
            throw new IllegalStateException("Envboard's redeploy failed: " + record.error());
        }
    }
}
