package dev.envboard.testing.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many simulated Docker engines in one process, each on its own 127.0.0.1 port, speaking the
 * part of the Engine API Envboard uses. Build a Swarm and standalone pools, change containers,
 * tasks and labels (state and the matching /events at once), and write the pools.yaml that
 * points Envboard at them. Plain Java (no JUnit), so benchmarks can use it as tests do.
 */
public final class EngineSimulator implements AutoCloseable {
    /** Threads serving requests; every open /events or followed log holds one. */
    static final int MAX_THREADS = 4096;
    public static final String LABEL_KEY = "environment";

    static {
        // The JDK server writes headers and body apart: with Nagle on, each answer waited ~40 ms for
        // the client's delayed ACK. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Object lock = new Object();
    private final Random random = new Random(4242);
    private final ThreadPoolExecutor executor;
    private final List<VirtualSwarm> swarms = new ArrayList<>();
    private final Map<String, List<VirtualEngine>> standalonePools = new LinkedHashMap<>();
    private final List<VirtualEngine> engines = new ArrayList<>();
    private long lastEventNanos;
    private int hosts;

    private EngineSimulator() {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(8, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "engine-sim-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public static EngineSimulator start() {
        return new EngineSimulator();
    }

    /**
     * A Swarm of {@code nodes} nodes (the first the manager), node i labelled
     * {@code environment=environments[i % size]}, each running {@code tasksPerNode} tasks of its
     * environment's stack, one container per task on the node's own engine.
     */
    public VirtualSwarm swarm(String pool, int nodes, List<String> environments, int tasksPerNode) {
        VirtualSwarm swarm = new VirtualSwarm(pool);
        synchronized (lock) {
            for (int i = 0; i < nodes; i++) {
                VirtualEngine engine = engine(pool + "-node-" + (i + 1));
                VirtualNode node = new VirtualNode(randomId(25, "abcdefghijklmnopqrstuvwxyz0123456789"), engine, i == 0);
                engine.swarm = swarm;
                engine.node = node;
                node.labels.put(LABEL_KEY, environments.get(i % environments.size()));
                swarm.nodes.add(node);
            }
            Map<String, VirtualService> services = new HashMap<>();
            Map<VirtualService, Integer> slots = new HashMap<>();
            for (VirtualNode node : swarm.nodes) {
                String stack = node.labels.get(LABEL_KEY);
                for (int t = 0; t < tasksPerNode; t++) {
                    VirtualService service = services.computeIfAbsent(stack + "_svc" + (t + 1),
                            name -> service(swarm, name.substring(0, stack.length()), name.substring(stack.length() + 1)));
                    addTask(swarm, service, slots.merge(service, 1, Integer::sum), node);
                }
            }
            swarms.add(swarm);
        }
        return swarm;
    }

    /** A standalone pool: engine i labelled {@code environment=environments[i % size]}, with its containers. */
    public List<VirtualEngine> standalone(String pool, int count, List<String> environments, int containersPerHost) {
        List<VirtualEngine> pooled = new ArrayList<>();
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                VirtualEngine engine = engine(pool + "-" + (i + 1));
                String environment = environments.get(i % environments.size());
                engine.labels.put(LABEL_KEY, environment);
                for (int c = 0; c < containersPerHost; c++) {
                    String service = "app" + (c + 1);
                    addContainer(engine, environment + "-" + service, "registry.example/" + service + ":1.0",
                            Map.of("dev.envboard.service", service, "dev.envboard.environment", environment),
                            c % 2 == 0 ? "healthy" : "");
                }
                pooled.add(engine);
            }
            standalonePools.put(pool, pooled);
        }
        return List.copyOf(pooled);
    }

    /** Changes a container's state and sends the engine's event for it. */
    public void changeContainer(VirtualEngine engine, String containerId, ContainerChange change) {
        synchronized (lock) {
            VirtualContainer c = container(engine, containerId);
            Instant now = Instant.now();
            switch (change) {
                case DIE -> {
                    c.state = "exited";
                    c.exitCode = 1;
                    c.finishedAt = now;
                    containerEvent(engine, c, "die", Map.of("exitCode", "1"));
                }
                case START -> {
                    c.state = "running";
                    c.exitCode = 0;
                    c.startedAt = now;
                    c.health = c.health.isEmpty() ? "" : "starting";
                    containerEvent(engine, c, "start", Map.of());
                }
                case HEALTHY, UNHEALTHY -> {
                    if (c.health.isEmpty()) {
                        throw new IllegalArgumentException(c.name + " has no healthcheck");
                    }
                    c.health = change == ContainerChange.HEALTHY ? "healthy" : "unhealthy";
                    containerEvent(engine, c, "health_status: " + c.health, Map.of());
                }
            }
        }
    }

    /**
     * Sets a task's state as the manager's /tasks reports it; its container on the node's engine
     * dies or starts with the matching event (Docker has no task events: the node's engine tells).
     */
    public void changeTask(VirtualTask task, String state) {
        synchronized (lock) {
            task.state = state;
            task.desiredState = state.equals("running") ? "running" : "shutdown";
            task.version++;
            changeContainer(task.node.engine, task.container.id,
                    state.equals("running") ? ContainerChange.START : ContainerChange.DIE);
        }
    }

    /** Sets (or with null removes) a Swarm node label: "node update" on the manager's stream, as docker node update does. */
    public void changeLabel(VirtualNode node, String key, String value) {
        synchronized (lock) {
            if (value == null) {
                node.labels.remove(key);
            } else {
                node.labels.put(key, value);
            }
            node.version++;
            VirtualEngine manager = node.engine.swarm.manager().engine;
            manager.emit(SimJson.event("node", "update", node.id, Map.of("name", node.hostname()), "swarm", nextNanos()));
        }
    }

    /** Sets (or removes) an engine label as a daemon.json edit and reload would: "daemon reload" on that engine. */
    public void changeLabel(VirtualEngine engine, String key, String value) {
        synchronized (lock) {
            if (value == null) {
                engine.labels.remove(key);
            } else {
                engine.labels.put(key, value);
            }
            List<String> labels = engine.labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
            engine.emit(SimJson.event("daemon", "reload", engine.id,
                    Map.of("name", engine.name, "labels", "[" + String.join(", ", labels) + "]"), "local", nextNanos()));
        }
    }

    /** Appends a log line to a container; followers of its logs get it at once. */
    public void log(VirtualEngine engine, String containerId, boolean stderr, String line) {
        synchronized (lock) {
            VirtualContainer c = container(engine, containerId);
            VirtualContainer.LogEntry entry = new VirtualContainer.LogEntry(Instant.now(), stderr, line);
            c.log(entry);
            engine.logs.publish(new VirtualEngine.LogFrame(c.id, entry));
        }
    }

    public List<VirtualSwarm> swarms() {
        synchronized (lock) {
            return List.copyOf(swarms);
        }
    }

    public List<VirtualEngine> engines() {
        synchronized (lock) {
            return List.copyOf(engines);
        }
    }

    /** pools.yaml for every pool built so far; swarm pools list each node's engine under engines:. */
    public String poolsYaml() {
        synchronized (lock) {
            return PoolsYaml.of(swarms, standalonePools);
        }
    }

    public Path writePoolsYaml(Path file) {
        try {
            Files.writeString(file, poolsYaml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private VirtualEngine engine(String name) {
        hosts++;
        String address = "10.200." + (hosts / 250) + "." + (hosts % 250 + 1);
        VirtualEngine engine = new VirtualEngine(engineId(), name, address, lock);
        try {
            engine.start(executor);
        } catch (IOException e) {
            throw new UncheckedIOException("starting the simulated engine " + name, e);
        }
        engines.add(engine);
        return engine;
    }

    private VirtualService service(VirtualSwarm swarm, String stack, String name) {
        VirtualService created = new VirtualService(randomId(25, "abcdefghijklmnopqrstuvwxyz0123456789"), stack, name,
                "registry.example/" + name + ":1.0");
        swarm.services.put(created.id(), created);
        return created;
    }

    private void addTask(VirtualSwarm swarm, VirtualService service, int slot, VirtualNode node) {
        String taskId = randomId(25, "abcdefghijklmnopqrstuvwxyz0123456789");
        String taskName = service.fullName() + "." + slot + "." + taskId;
        Map<String, String> labels = Map.of(
                "com.docker.swarm.service.name", service.fullName(),
                "com.docker.swarm.service.id", service.id(),
                "com.docker.swarm.task.name", taskName,
                "com.docker.swarm.task.id", taskId,
                "com.docker.swarm.node.id", node.id,
                "com.docker.stack.namespace", service.stack());
        VirtualContainer container = addContainer(node.engine, taskName, service.image(), labels, "healthy");
        swarm.tasks.put(taskId, new VirtualTask(taskId, service, slot, node, container));
    }

    private VirtualContainer addContainer(VirtualEngine engine, String name, String image, Map<String, String> labels, String health) {
        VirtualContainer c = new VirtualContainer(randomId(64, "0123456789abcdef"), name, image, labels, health, Instant.now());
        c.log(new VirtualContainer.LogEntry(c.created, false, name + " started"));
        c.log(new VirtualContainer.LogEntry(c.created, true, name + ": a warning on stderr"));
        engine.containers.put(c.id, c);
        return c;
    }

    private VirtualContainer container(VirtualEngine engine, String id) {
        VirtualContainer c = engine.containers.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no container " + id + " on " + engine.name);
        }
        return c;
    }

    private void containerEvent(VirtualEngine engine, VirtualContainer c, String action, Map<String, String> extra) {
        Map<String, String> attributes = new LinkedHashMap<>(c.labels);
        attributes.put("image", c.image);
        attributes.put("name", c.name);
        attributes.putAll(extra);
        ObjectNode event = SimJson.event("container", action, c.id, attributes, "local", nextNanos());
        engine.emit(event);
    }

    /** Strictly increasing, so since= replays are exact. */
    private long nextNanos() {
        long now = System.currentTimeMillis() * 1_000_000L + System.nanoTime() % 1_000_000L;
        lastEventNanos = Math.max(now, lastEventNanos + 1);
        return lastEventNanos;
    }

    private String engineId() {
        return randomId(8, "0123456789abcdef") + "-" + randomId(4, "0123456789abcdef") + "-" + randomId(4, "0123456789abcdef")
                + "-" + randomId(4, "0123456789abcdef") + "-" + randomId(12, "0123456789abcdef");
    }

    private String randomId(int length, String alphabet) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    @Override
    public void close() {
        List<VirtualEngine> all;
        synchronized (lock) {
            all = List.copyOf(engines);
            engines.clear();
        }
        all.forEach(VirtualEngine::close);
        executor.shutdownNow();
    }
}
