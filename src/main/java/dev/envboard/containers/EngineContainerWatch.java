package dev.envboard.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Ports;
import dev.envboard.runtime.AppExecutors;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.docker.EventFeed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps one engine's containers current: a full list at start and after every reconnect, and in
 * between each container event makes that container be read again. The event thread only enqueues
 * ids (a reader that falls behind gets dropped by the engine), a worker does the reading.
 */
public final class EngineContainerWatch implements AutoCloseable {
    /** Container actions that change a row of the table (state, health, name): exec_*, attach, resize and the like do not. */
    static final List<String> SHOWN_ACTIONS = List.of("create", "start", "restart", "die", "kill", "stop", "destroy",
            "pause", "unpause", "rename", "update", "oom", "health_status");

    static final int QUEUE = 10_000;

    private final String host;
    private final Supplier<String> hostEnvironment;
    private final DockerClient client;
    private final RowSink sink;
    private final EventFeed feed;
    private final BlockingQueue<String> dirty = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicBoolean relist = new AtomicBoolean(true);
    private final Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread worker;
    private volatile boolean closed;

    public EngineContainerWatch(String host, Supplier<String> hostEnvironment, DockerClients clients, EndpointSpec endpoint,
                                ScheduledExecutorService timer, Executor io, RowSink sink) {
        this.host = host;
        this.hostEnvironment = hostEnvironment;
        this.client = clients.quick(endpoint);
        this.sink = sink;
        this.feed = new EventFeed(clients.events(endpoint), client, List.of(EventType.CONTAINER), SHOWN_ACTIONS, timer, io, new EventFeed.Listener() {
            @Override
            public void onEvent(Event event) {
                if (event.getId() != null && !dirty.offer(event.getId())) {
                    relist.set(true); // overflow: read everything again rather than block the stream
                }
                wake();
            }

            @Override
            public void onState(EventFeed.State state, String detail) {
                if (state == EventFeed.State.LIVE) {
                    relist.set(true); // events may have been missed while it was away
                    wake();
                } else if (state == EventFeed.State.RECONNECTING) {
                    sink.hostState(host, detail);
                }
            }
        });
        this.worker = AppExecutors.named("envboard-containers-" + host).newThread(this::work);
    }

    public void start() {
        worker.start();
        feed.start();
    }

    private void wake() {
        // The worker waits on the queue; a marker that is not a container id wakes it up.
        dirty.offer("");
    }

    private void work() {
        while (!closed) {
            try {
                String first = dirty.poll(1, TimeUnit.SECONDS);
                if (relist.getAndSet(false)) {
                    dirty.clear();
                    relistAll();
                    continue;
                }
                if (first == null) {
                    continue;
                }
                // Coalesce a burst: each container is read once however many events it had.
                Set<String> ids = new LinkedHashSet<>();
                ids.add(first);
                List<String> more = new ArrayList<>();
                dirty.drainTo(more);
                ids.addAll(more);
                ids.remove("");
                for (String id : ids) {
                    refresh(id);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                sink.hostState(host, DockerErrors.describe(e));
                relist.set(true);
                pause();
            }
        }
    }

    private void relistAll() {
        List<Container> containers = client.listContainersCmd().withShowAll(true).exec();
        Set<String> present = new HashSet<>();
        for (Container container : containers) {
            present.add(container.getId());
            refresh(container.getId());
        }
        for (String id : new ArrayList<>(known)) {
            if (!present.contains(id)) {
                known.remove(id);
                sink.remove(ContainerRows.key(host, id));
            }
        }
        sink.hostState(host, null);
    }

    private void refresh(String id) {
        try {
            InspectContainerResponse container = client.inspectContainerCmd(id).exec();
            known.add(container.getId());
            sink.upsert(ContainerRows.of(host, hostEnvironment.get(), container, ports(container)));
        } catch (NotFoundException gone) {
            // Events and lists both carry full ids, so the key matches the row added earlier.
            known.remove(id);
            sink.remove(ContainerRows.key(host, id));
        }
    }

    private static String ports(InspectContainerResponse container) {
        if (container.getNetworkSettings() == null || container.getNetworkSettings().getPorts() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<com.github.dockerjava.api.model.ExposedPort, Ports.Binding[]> entry
                : container.getNetworkSettings().getPorts().getBindings().entrySet()) {
            String target = entry.getKey().getPort() + "/" + entry.getKey().getProtocol();
            if (entry.getValue() == null || entry.getValue().length == 0) {
                parts.add(target);
            } else {
                for (Ports.Binding binding : entry.getValue()) {
                    parts.add(binding.getHostPortSpec() + "→" + target);
                }
            }
        }
        return String.join(", ", parts.stream().distinct().sorted().toList());
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        feed.close();
        worker.interrupt();
    }
}
