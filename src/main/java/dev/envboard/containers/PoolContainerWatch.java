package dev.envboard.containers;

import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import dev.envboard.runtime.AppExecutors;

/**
 * Every container of a pool, live: one engine watch per standalone engine (or per Swarm node whose
 * engine pools.yaml names), plus the Swarm tasks that have no container yet.
 */
public final class PoolContainerWatch implements AutoCloseable {
    /** Threads reading the pool's engines: enough to overlap their answers, few enough for 500 engines. */
    static final int WORKERS = 6;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final ThreadPoolExecutor workers;
    private final Map<String, String> environments = new ConcurrentHashMap<>();
    private final Map<String, String> nodeNames = new ConcurrentHashMap<>();
    private final Map<String, EndpointSpec> endpoints = new ConcurrentHashMap<>();

    public PoolContainerWatch(PoolSnapshot snapshot, DockerClients clients, ScheduledExecutorService timer, Executor io, RowSink sink) {
        PoolSpec pool = snapshot.pool();
        update(snapshot);
        List<PoolEngines.Engine> engines = PoolEngines.of(snapshot);
        // Each engine queues at most one run (and the task list one), so the queue cannot outgrow them.
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(engines.size() + 2),
                AppExecutors.named("envboard-containers"));
        workers.allowCoreThreadTimeOut(true);
        for (PoolEngines.Engine engine : engines) {
            endpoints.put(engine.host(), engine.endpoint());
            EngineContainerWatch watch = new EngineContainerWatch(engine.host(), () -> environments.get(engine.host()),
                    clients, engine.endpoint(), timer, io, workers, sink);
            parts.add(watch);
            watch.start();
        }
        if (snapshot.kind() == PoolKind.SWARM) {
            parts.add(new SwarmTaskWatch(clients.quick(pool.manager()), id -> nodeNames.getOrDefault(id, id), timer, workers, sink));
        }
    }

    /** Hosts move between environments: rows of containers without a namespace label follow their host. */
    public void update(PoolSnapshot snapshot) {
        for (Host host : snapshot.hosts()) {
            environments.put(host.displayName(), host.environment() == null ? "" : host.environment());
            if (host.nodeId() != null) {
                nodeNames.put(host.nodeId(), host.displayName());
            }
        }
    }


    /** The engine a row's container lives on, for actions on it. */
    public Optional<EndpointSpec> endpointOf(String host) {
        return Optional.ofNullable(endpoints.get(host));
    }

    /** Whether every node of the pool is watched (a Swarm pool needs its nodes' engines in pools.yaml). */
    public static boolean watchesNodes(PoolSpec pool) {
        return pool.kind() != PoolKind.SWARM || !pool.engines().isEmpty();
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
        workers.shutdownNow();
    }
}
