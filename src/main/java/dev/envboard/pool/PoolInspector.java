package dev.envboard.pool;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmInfo;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.docker.EndpointRefusedException;
import dev.envboard.docker.EndpointSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Takes a snapshot of a pool's hosts. Every engine call runs on the given I/O executor; engines
 * of a standalone pool are asked in parallel, so one slow host delays only its own card.
 */
public final class PoolInspector {
    private final DockerClients clients;
    private final Executor io;
    private final Clock clock;

    public PoolInspector(DockerClients clients, Executor io, Clock clock) {
        this.clients = clients;
        this.io = io;
        this.clock = clock;
    }

    public CompletableFuture<PoolSnapshot> inspect(PoolSpec pool) {
        if (pool.kind() == PoolKind.STANDALONE) {
            return inspectStandalone(pool);
        }
        return CompletableFuture.supplyAsync(() -> inspectThroughManager(pool), io)
                .thenCompose(result -> result)
                .exceptionally(error -> failure(pool, error));
    }

    /**
     * Reads again what {@code change} names and keeps the rest of {@code last}: a Swarm's node
     * list with the last task counts, or some standalone engines. The whole pool when the last
     * answer cannot be built on (none yet, failed, another kind) or the partial read fails.
     */
    public CompletableFuture<PoolSnapshot> reinspect(PoolSnapshot last, PoolChange change) {
        PoolSpec pool = last.pool();
        boolean answered = (last.status() == PoolStatus.ONLINE || last.status() == PoolStatus.DEGRADED) && !last.hosts().isEmpty();
        if (answered && change.scope() == PoolChange.Scope.SWARM_NODES && last.kind() == PoolKind.SWARM) {
            return CompletableFuture.supplyAsync(() -> snapshot(pool, PoolKind.SWARM,
                            SwarmInspector.nodes(clients.quick(pool.manager()), pool, last.hosts())), io)
                    .exceptionallyCompose(error -> inspect(pool));
        }
        if (answered && change.scope() == PoolChange.Scope.ENGINES && last.kind() == PoolKind.STANDALONE
                && pool.kind() == PoolKind.STANDALONE) {
            return inspectStandalone(pool, last, change.engines());
        }
        return inspect(pool);
    }

    private CompletableFuture<PoolSnapshot> inspectThroughManager(PoolSpec pool) {
        DockerClient manager = clients.quick(pool.manager());
        Info info = manager.infoCmd().exec();
        SwarmInfo swarm = info.getSwarm();
        boolean isManager = swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE
                && Boolean.TRUE.equals(swarm.getControlAvailable());
        if (pool.kind() == PoolKind.AUTO && !isManager) {
            // No Swarm here: the default pool is this one engine.
            EngineSpec engine = new EngineSpec(info.getName(), pool.manager(), "local", null,
                    EngineSpec.DEFAULT_DAEMON_JSON, EngineSpec.DEFAULT_RELOAD);
            Host host = EngineInspector.host(manager, pool, engine, 0);
            return CompletableFuture.completedFuture(snapshot(pool, PoolKind.STANDALONE, List.of(host)));
        }
        if (!isManager) {
            String state = swarm == null || swarm.getLocalNodeState() == null ? "inactive" : swarm.getLocalNodeState().name().toLowerCase();
            return CompletableFuture.completedFuture(PoolSnapshot.failed(pool, PoolStatus.OFFLINE,
                    pool.manager().uri() + " is not a Swarm manager (Swarm state: " + state + ")", clock.instant()));
        }
        return CompletableFuture.completedFuture(snapshot(pool, PoolKind.SWARM, SwarmInspector.hosts(manager, pool)));
    }

    private CompletableFuture<PoolSnapshot> inspectStandalone(PoolSpec pool) {
        return inspectStandalone(pool, null, null);
    }

    /** Every engine, or only {@code engines} with the others' hosts taken from {@code last}. */
    private CompletableFuture<PoolSnapshot> inspectStandalone(PoolSpec pool, PoolSnapshot last, Set<EndpointSpec> engines) {
        Map<HostKey, Host> known = last == null ? Map.of() : last.hosts().stream().collect(Collectors.toMap(Host::key, h -> h, (a, b) -> a));
        List<CompletableFuture<Host>> hosts = new ArrayList<>();
        for (int i = 0; i < pool.engines().size(); i++) {
            EngineSpec engine = pool.engines().get(i);
            int index = i;
            Host kept = known.get(HostKey.engine(pool.name(), engine.endpoint()));
            if (engines != null && kept != null && !engines.contains(engine.endpoint())) {
                // Its identity warnings are found again below, among the engines read now.
                hosts.add(CompletableFuture.completedFuture(kept.warnings().isEmpty() ? kept : kept.withWarnings(List.of())));
                continue;
            }
            hosts.add(CompletableFuture
                    .supplyAsync(() -> EngineInspector.host(clients.quick(engine.endpoint()), pool, engine, index), io)
                    .exceptionally(error -> EngineInspector.unreachable(pool, engine, index,
                            engine.endpoint().uri() + ": " + DockerErrors.describe(error))));
        }
        return CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new))
                .thenApply(done -> snapshot(pool, PoolKind.STANDALONE, hosts.stream().map(CompletableFuture::join).toList()));
    }

    private PoolSnapshot snapshot(PoolSpec pool, PoolKind kind, List<Host> inspected) {
        List<Host> hosts = DuplicateIdentities.mark(inspected);
        long unreachable = hosts.stream().filter(h -> !h.isReachable()).count();
        PoolStatus status;
        String message;
        if (hosts.isEmpty() || unreachable == 0) {
            status = PoolStatus.ONLINE;
            message = hosts.size() + " hosts";
        } else if (unreachable == hosts.size()) {
            status = PoolStatus.OFFLINE;
            message = "no engine answers: " + hosts.get(0).error();
        } else {
            status = PoolStatus.DEGRADED;
            message = unreachable + " of " + hosts.size() + " hosts unreachable";
        }
        return new PoolSnapshot(pool, kind, status, message, hosts, clock.instant());
    }

    private PoolSnapshot failure(PoolSpec pool, Throwable error) {
        Throwable cause = DockerErrors.unwrap(error);
        PoolStatus status = cause instanceof EndpointRefusedException ? PoolStatus.REFUSED : PoolStatus.OFFLINE;
        return PoolSnapshot.failed(pool, status, pool.manager().uri() + ": " + DockerErrors.describe(error), clock.instant());
    }
}
