package dev.envboard.testing.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A steady stream of changes across a simulator's engines, as a busy pool makes them: container
 * and task changes (die, start, health flips) at a fixed rate spread round-robin over the engines,
 * and Swarm node label changes (a host moving to the next environment) at another. Each change is
 * reported with the wall-clock time it was emitted and a key that names what a screen shows for
 * it: {@code CONTAINER "<id> <state> <health>"} or {@code LABEL "<host> <environment>"}.
 */
public final class Churn {
    public enum Kind { CONTAINER, LABEL }

    /** One change as emitted: its kind, what shows it, and when (just before its event is sent). */
    public record Emission(Kind kind, String key, Instant at) {
    }

    private final EngineSimulator sim;
    private final List<String> environments;
    private final Random random = new Random(7);
    private final Map<VirtualContainer, VirtualTask> taskOf = new HashMap<>();
    private final List<VirtualEngine> engines;
    private final List<VirtualNode> nodes = new ArrayList<>();
    private int nextEngine;
    private int nextNode;

    /** @param environments the environments label changes move hosts between */
    public Churn(EngineSimulator sim, List<String> environments) {
        this.sim = sim;
        this.environments = List.copyOf(environments);
        this.engines = sim.engines();
        for (VirtualSwarm swarm : sim.swarms()) {
            swarm.tasks().forEach(task -> taskOf.put(task.container(), task));
            // Not the manager: moving it would move the pool's own endpoint's host, which is fine
            // but makes runs differ by where the manager sits.
            nodes.addAll(swarm.nodes().subList(1, swarm.nodes().size()));
        }
    }

    /**
     * Emits {@code containerRate} container changes and {@code labelRate} label changes a second
     * for {@code duration}, on the calling thread, each at its time on the schedule (a late one is
     * sent at once): exactly rate × duration of each, however slow the engines are.
     */
    public void run(Duration duration, int containerRate, int labelRate, Consumer<Emission> emitted) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long containerStep = containerRate <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / containerRate;
        long labelStep = labelRate <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / labelRate;
        long nextContainer = containerRate <= 0 ? Long.MAX_VALUE : start;
        long nextLabel = labelRate <= 0 ? Long.MAX_VALUE : start;
        while (true) {
            // The earlier of the two is due first: a slow stretch of one kind never starves the other.
            boolean label = nextLabel <= nextContainer;
            long due = label ? nextLabel : nextContainer;
            if (due >= end) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            if (label) {
                emitted.accept(labelChange());
                nextLabel += labelStep;
            } else {
                emitted.accept(containerChange());
                nextContainer += containerStep;
            }
        }
    }

    /** One container change on the next engine: a running one dies or flips health, a stopped one starts. */
    public Emission containerChange() {
        VirtualEngine engine = engines.get(nextEngine++ % engines.size());
        List<VirtualContainer> containers = engine.containers();
        if (containers.isEmpty()) {
            throw new IllegalStateException(engine.name() + " has no containers to change");
        }
        VirtualContainer c = containers.get(random.nextInt(containers.size()));
        VirtualTask task = taskOf.get(c);
        Instant at = Instant.now();
        if (!c.state().equals("running")) {
            if (task != null) {
                sim.changeTask(task, "running");
            } else {
                sim.changeContainer(engine, c.id(), ContainerChange.START);
            }
        } else if (!c.health().isEmpty() && random.nextInt(3) > 0) {
            sim.changeContainer(engine, c.id(), c.health().equals("healthy") ? ContainerChange.UNHEALTHY : ContainerChange.HEALTHY);
        } else if (task != null) {
            sim.changeTask(task, "failed");
        } else {
            sim.changeContainer(engine, c.id(), ContainerChange.DIE);
        }
        return new Emission(Kind.CONTAINER, containerKey(c.id(), c.state(), c.health()), at);
    }

    /** The next Swarm node (the manager aside) moves to the next environment. */
    public Emission labelChange() {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("no Swarm worker nodes to relabel");
        }
        VirtualNode node = nodes.get(nextNode++ % nodes.size());
        String current = node.labels().get(EngineSimulator.LABEL_KEY);
        String next = environments.get((environments.indexOf(current) + 1) % environments.size());
        Instant at = Instant.now();
        sim.changeLabel(node, EngineSimulator.LABEL_KEY, next);
        return new Emission(Kind.LABEL, labelKey(node.hostname(), next), at);
    }

    public static String containerKey(String containerId, String state, String health) {
        return containerId + " " + state + " " + (health == null || health.isEmpty() ? "-" : health);
    }

    public static String labelKey(String host, String environment) {
        return host + " " + environment;
    }
}
