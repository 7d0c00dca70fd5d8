package dev.envboard.bench;

import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nodes}: read every host of both sandbox pools with labels and running work.
 * Envboard: one inspection per pool. Docker CLI: what a person scripts for the same facts
 * (node ls + node inspect + tasks per node on the manager, info on each standalone engine).
 * Floor: the calls Envboard's inspection makes (PoolInspector, SwarmInspector, EngineInspector),
 * 5 per round: on the Swarm manager {@code GET /info}, {@code GET /nodes},
 * {@code GET /tasks?filters={"desired-state":["running"]}} one after the other; then
 * {@code GET /info} on both standalone engines side by side (host-2 over TLS, as pools.yaml says).
 * Sides alternate in one process, the first rotating; ratios are medians: Envboard over the CLI, over the floor.
 */
final class NodesBench implements Bench.Benchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 30;

    @Override
    public void run(BenchContext context) throws Exception {
        PoolInspector inspector = context.app().poolInspector();
        List<PoolSpec> pools = context.app().pools().pools();
        try (Floor floor = new Floor()) {
            Alternating.Result result = Alternating.measure(WARMUP, RUNS, i -> {
                for (PoolSpec pool : pools) {
                    if (inspector.inspect(pool).join().hosts().isEmpty()) {
                        throw new BenchFailure("pool " + pool.name() + " returned no hosts");
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
            }, i -> {
                for (PoolSpec pool : pools) {
                    floor(floor, pool);
                }
            });
            System.out.println(Alternating.order());
            System.out.println("runs=" + RUNS + " " + result.p90s());
            System.out.println("nodes: " + result.summary());
        }
    }

    /** The floor's calls for one pool (also {@code startup}'s floor for {@code nodes}). */
    static void floor(Floor floor, PoolSpec pool) throws Exception {
        if (pool.kind() == PoolKind.STANDALONE) {
            List<Floor.Work> calls = new ArrayList<>();
            for (EngineSpec engine : pool.engines()) {
                calls.add(() -> floor.engine(engine.endpoint()).get("/info").ok("info"));
            }
            floor.all(calls);
            return;
        }
        RawEngine manager = floor.engine(pool.manager());
        manager.get("/info").ok("info");
        manager.get("/nodes").ok("nodes");
        manager.get("/tasks?" + Floor.filters("{\"desired-state\":[\"running\"]}")).ok("tasks");
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
