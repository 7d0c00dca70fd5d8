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
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every container of a pool, live: one engine watch per standalone engine (or per Swarm node whose
 * engine pools.yaml names), plus the Swarm tasks that have no container yet.
 */
public final class PoolContainerWatch implements AutoCloseable {
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final Map<String, String> environments = new ConcurrentHashMap<>();
    private final Map<String, String> nodeNames = new ConcurrentHashMap<>();
    private final Map<String, EndpointSpec> endpoints = new ConcurrentHashMap<>();

    public PoolContainerWatch(PoolSnapshot snapshot, DockerClients clients, ScheduledExecutorService timer, Executor io, RowSink sink) {
        PoolSpec pool = snapshot.pool();
        update(snapshot);
        for (PoolEngines.Engine engine : PoolEngines.of(snapshot)) {
            endpoints.put(engine.host(), engine.endpoint());
            EngineContainerWatch watch = new EngineContainerWatch(engine.host(), () -> environments.get(engine.host()),
                    clients, engine.endpoint(), timer, io, sink);
            parts.add(watch);
            watch.start();
        }
        if (snapshot.kind() == PoolKind.SWARM) {
            parts.add(new SwarmTaskWatch(clients.quick(pool.manager()), id -> nodeNames.getOrDefault(id, id), timer, sink));
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
    }
}
