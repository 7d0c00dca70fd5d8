package dev.envboard.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Ports;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.docker.EventFeed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps one engine's containers current: a full list at start and after every reconnect, and in
 * between each container event makes that container be read again. The event thread only notes
 * ids (a reader that falls behind gets dropped by the engine); the reading runs on a worker
 * executor shared by the pool's engines, at most one run per engine queued at a time, so 500
 * engines cost a few threads and no wake-up while nothing happens.
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
    /** Container ids with events not read yet; bounded by {@link #QUEUE} (beyond it: a full relist). */
    private final Set<String> dirty = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicBoolean relist = new AtomicBoolean(true);
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Executor worker;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /** Reads on {@code io}. */
    public EngineContainerWatch(String host, Supplier<String> hostEnvironment, DockerClients clients, EndpointSpec endpoint,
                                ScheduledExecutorService timer, Executor io, RowSink sink) {
        this(host, hostEnvironment, clients, endpoint, timer, io, io, sink);
    }

    /** @param worker where the engine is read (bounded: a rejected run is retried a second later) */
    public EngineContainerWatch(String host, Supplier<String> hostEnvironment, DockerClients clients, EndpointSpec endpoint,
                                ScheduledExecutorService timer, Executor io, Executor worker, RowSink sink) {
        this.host = host;
        this.timer = timer;
        this.worker = worker;
        this.hostEnvironment = hostEnvironment;
        this.client = clients.quick(endpoint);
        this.sink = sink;
        this.feed = new EventFeed(clients.events(endpoint), client, List.of(EventType.CONTAINER), SHOWN_ACTIONS, timer, io, new EventFeed.Listener() {
            @Override
            public void onEvent(Event event) {
                if (event.getId() != null) {
                    if (dirty.size() >= QUEUE) {
                        relist.set(true); // overflow: read everything again rather than grow
                    } else {
                        dirty.add(event.getId());
                    }
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
    }

    public void start() {
        wake(); // the first full list
        feed.start();
    }

    /** Asks for one run on the worker, unless one is queued already (it will see what is noted). */
    private void wake() {
        if (closed || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::work);
        } catch (RejectedExecutionException full) {
            queued.set(false);
            retryLater();
        }
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        try {
            timer.schedule(this::wake, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the app is closing: nothing to read for
        }
    }

    /** One run at a time per engine: {@code queued} stays set until it ends, and what came meanwhile asks for the next. */
    private void work() {
        boolean failed = false;
        try {
            read();
        } catch (RuntimeException e) {
            sink.hostState(host, DockerErrors.describe(e));
            relist.set(true);
            failed = true;
        }
        queued.set(false);
        if (failed) {
            retryLater();
        } else if (!dirty.isEmpty() || relist.get()) {
            wake();
        }
    }

    private void read() {
        if (closed) {
            return;
        }
        if (relist.getAndSet(false)) {
            dirty.clear();
            relistAll();
            return;
        }
        // Coalesce a burst: each container is read once however many events it had.
        List<String> ids = new ArrayList<>(dirty);
        dirty.removeAll(ids);
        for (String id : ids) {
            refresh(id);
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

    @Override
    public void close() {
        closed = true;
        feed.close();
    }
}
