package dev.envboard.bench;

import dev.envboard.containers.ContainerRow;
import dev.envboard.containers.PoolContainerWatch;
import dev.envboard.containers.RowSink;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code events}: how long after {@code docker stop} the containers table shows the container
 * stopped. Measured to the live model's row update (the window applies it at its next pulse,
 * at most one frame later), from two starting points: issuing the docker CLI command, and the
 * engine's own "die" event time (Envboard's share of the delay). The plain tool on the same
 * work: {@code docker events} watching the same engine, timed to the line it prints for the stop.
 * The floor: the calls Envboard's EngineContainerWatch makes for it, on the same engine: its event
 * stream {@code GET /events?filters={"type":["container"]}} (open throughout, as Envboard's), and
 * for each event of the container (kill, die, stop: coalesced while a read runs, as Envboard does)
 * {@code GET /containers/ID/json} on a kept-alive connection, timed to the read that shows it
 * exited. All three watch the same stop at once (the engine hands each subscriber its event on a
 * goroutine of its own): no side runs before another.
 */
final class EventsBench implements Bench.Benchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 30;
    private static final String NAME = "envboard-events-bench";

    private final Map<String, ContainerRow> rows = new ConcurrentHashMap<>();
    private final Map<String, Long> exitedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> cliPrintedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> floorAt = new ConcurrentHashMap<>();
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public void run(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        Sandbox.Engine host = sandbox.engine("envboard-host-1");
        PoolSpec pool = context.app().pools().pool("sandbox-hosts").orElseThrow();
        PoolSnapshot snapshot = context.app().poolInspector().inspect(pool).join();
        RowSink sink = new RowSink() {
            @Override
            public void upsert(ContainerRow row) {
                rows.put(row.key(), row);
                if (NAME.equals(row.name()) && "exited".equals(row.state())) {
                    exitedAt.putIfAbsent(row.containerId(), System.nanoTime());
                }
            }

            @Override
            public void remove(String key) {
                rows.remove(key);
            }

            @Override
            public void hostState(String hostName, String problem) {
            }
        };
        Samples fromCommand = new Samples();
        Samples fromEvent = new Samples();
        Samples cli = new Samples();
        Samples floor = new Samples();
        dev.envboard.docker.EndpointSpec endpoint = pool.engines().stream().filter(e -> host.name().equals(e.name()))
                .findFirst().orElseThrow().endpoint();
        RawEngine floorEngine = new RawEngine(endpoint);
        RawEngine.Stream floorEvents = floorEngine.open("/events?" + Floor.filters("{\"type\":[\"container\"]}"));
        java.util.concurrent.BlockingQueue<String> floorDirty = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread floorReader = new Thread(() -> floorEvents(floorEvents, floorDirty), "floor-events");
        floorReader.setDaemon(true);
        floorReader.start();
        Thread floorWorker = new Thread(() -> floorInspect(floorEngine, floorDirty), "floor-inspect");
        floorWorker.setDaemon(true);
        floorWorker.start();
        Process events = new ProcessBuilder("docker", "-H", host.dockerHost(), "events", "--filter", "type=container",
                "--filter", "event=die", "--filter", "container=" + NAME, "--format", "{{.Actor.ID}}")
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> readIds(events), "docker-events-reader");
        reader.setDaemon(true);
        reader.start();
        try (PoolContainerWatch watch = new PoolContainerWatch(snapshot, context.app().dockerClients(),
                context.app().executors().timer(), context.app().executors().io(), sink)) {
            CallTrace.phase();
            for (int i = 0; i < WARMUP + RUNS; i++) {
                CallTrace.side("events", i);
                String id = sandbox.docker(host, "run", "-d", "--name", NAME, "envboard/demo:1", "sleep", "600");
                waitFor(() -> rows.values().stream().anyMatch(r -> id.equals(r.containerId()) && r.isRunning()));
                long issued = System.nanoTime();
                sandbox.docker(host, "stop", "-t", "0", NAME);
                waitFor(() -> exitedAt.containsKey(id) && cliPrintedAt.containsKey(id) && floorAt.containsKey(id));
                long shown = exitedAt.get(id);
                String finished = sandbox.docker(host, "inspect", "--format", "{{.State.FinishedAt}}", NAME);
                long eventNanosAgo = java.time.Duration.between(Instant.parse(finished), Instant.now()).toNanos();
                long afterEvent = eventNanosAgo - (System.nanoTime() - shown);
                if (i >= WARMUP) {
                    fromCommand.add(shown - issued);
                    fromEvent.add(Math.max(0, afterEvent));
                    cli.add(cliPrintedAt.get(id) - issued);
                    floor.add(floorAt.get(id) - issued);
                }
                sandbox.docker(host, "rm", NAME);
            }
        } finally {
            CallTrace.side(null, -1);
            events.destroy();
            floorEvents.close();
            floorWorker.interrupt();
            floorEngine.close();
        }
        Alternating.Result result = new Alternating.Result(Map.of(Alternating.ENVBOARD, fromCommand, Alternating.CLI, cli,
                Alternating.FLOOR, floor));
        System.out.println("all three watch the same docker stop at once; times from issuing it");
        System.out.println("events: docker stop -> table p50=" + Samples.ms(fromCommand.median()) + " ms p95="
                + Samples.ms(fromCommand.percentile(95)) + " ms; engine's die event -> table p50=" + Samples.ms(fromEvent.median())
                + " ms p95=" + Samples.ms(fromEvent.percentile(95)) + " ms (target p95 < 250 ms; the window adds at most one frame)");
        System.out.println("events: p95 envboard=" + Samples.ms(fromCommand.percentile(95)) + " ms docker-cli="
                + Samples.ms(cli.percentile(95)) + " ms floor=" + Samples.ms(floor.percentile(95)) + " ms");
        System.out.println("events: " + result.summary() + " (p50s; docker-cli is docker events printing the die event)");
    }

    /** The floor's event thread: only notes which container had an event, as Envboard's does. */
    private void floorEvents(RawEngine.Stream stream, java.util.concurrent.BlockingQueue<String> dirty) {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    dirty.offer(json.readTree(line).path("id").asText());
                }
            }
        } catch (java.io.IOException ended) {
            // closed at the end
        }
    }

    /** The floor's worker: reads each container that had events (a burst once), notes when ours shows exited. */
    private void floorInspect(RawEngine engine, java.util.concurrent.BlockingQueue<String> dirty) {
        try {
            while (true) {
                java.util.Set<String> ids = new java.util.LinkedHashSet<>();
                ids.add(dirty.take());
                dirty.drainTo(ids);
                for (String id : ids) {
                    RawEngine.Response response = engine.get("/containers/" + id + "/json");
                    if (response.status() != 200) {
                        continue; // removed meanwhile
                    }
                    var container = json.readTree(response.body());
                    if (("/" + NAME).equals(container.path("Name").asText())
                            && "exited".equals(container.path("State").path("Status").asText())) {
                        floorAt.putIfAbsent(container.path("Id").asText(), System.nanoTime());
                    }
                }
            }
        } catch (InterruptedException | java.io.IOException ended) {
            // closed at the end
        }
    }

    /** The CLI prints one container id per die event; note when each arrives. */
    private void readIds(Process events) {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(events.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                cliPrintedAt.putIfAbsent(line.trim(), System.nanoTime());
            }
        } catch (java.io.IOException ended) {
            // the process was stopped
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the table did not follow within 30 s");
            }
            Thread.sleep(1);
        }
    }
}
