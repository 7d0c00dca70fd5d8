package dev.envboard.bench;

import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.util.List;

/**
 * {@code nodes}: read every host of both sandbox pools with labels and running work.
 * Envboard: one inspection per pool. Docker CLI: what a person scripts for the same facts
 * (node ls + node inspect + tasks per node on the manager, info on each standalone engine).
 * Runs alternate in one process; the ratio is Envboard's median time over the CLI's.
 */
final class NodesBench implements Bench.Benchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 30;

    @Override
    public void run(BenchContext context) throws Exception {
        PoolInspector inspector = context.app().poolInspector();
        List<PoolSpec> pools = context.app().pools().pools();
        Alternating.Result result = Alternating.measure(WARMUP, RUNS, i -> {
            for (PoolSpec pool : pools) {
                if (inspector.inspect(pool).join().hosts().isEmpty()) {
                    throw new IllegalStateException("pool " + pool.name() + " returned no hosts");
                }
            }
        }, i -> {
            Sandbox.Engine manager = context.manager();
            String[] ids = context.docker(manager, "node", "ls", "-q").trim().split("\\s+");
            context.docker(manager, concat(new String[] {"node", "inspect"}, ids));
            context.docker(manager, concat(new String[] {"node", "ps", "-q", "--filter", "desired-state=running"}, ids));
            for (Sandbox.Engine engine : context.standalone()) {
                context.docker(engine, "info", "--format", "{{json .}}");
            }
        });
        Samples envboard = result.envboard();
        Samples cli = result.cli();
        System.out.println("runs=" + RUNS + " envboard p90=" + Samples.ms(envboard.percentile(90))
                + " ms, docker-cli p90=" + Samples.ms(cli.percentile(90)) + " ms");
        System.out.println("nodes: envboard=" + Samples.ms(envboard.median()) + " ms docker-cli="
                + Samples.ms(cli.median()) + " ms ratio=" + Samples.ratio(envboard.median() / cli.median()));
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
