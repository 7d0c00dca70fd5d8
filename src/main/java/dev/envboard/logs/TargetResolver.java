package dev.envboard.logs;

import com.github.dockerjava.api.model.Container;
import dev.envboard.deploy.Naming;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Finds the containers of a {@link LogTarget} on every engine of the given pools (for a Swarm, the
 * node engines listed under {@code engines:}, and its manager). A service's replicas and an
 * environment's containers are those that run, plus stopped standalone containers (their logs say
 * why they stopped); a Swarm's finished task containers are history, left out.
 */
public final class TargetResolver {
    static final String SWARM_SERVICE = "com.docker.swarm.service.name";
    static final String SWARM_TASK = "com.docker.swarm.task.id";
    private static final int MIN_ID_PREFIX = 4;

    /** @param unreachable engines that could not be asked, with why */
    public record Found(List<ContainerRef> containers, List<String> unreachable) {
        public boolean isEmpty() {
            return containers.isEmpty();
        }
    }

    private record Engine(String pool, String name, EndpointSpec endpoint) {
    }

    private record Listed(Engine engine, List<Container> containers, String error) {
    }

    private final DockerClients clients;
    private final Executor io;

    public TargetResolver(DockerClients clients, Executor io) {
        this.clients = clients;
        this.io = io;
    }

    public Found find(List<PoolSpec> pools, LogTarget target) {
        List<CompletableFuture<Listed>> asks = engines(pools).stream()
                .map(engine -> CompletableFuture.supplyAsync(() -> list(engine), io)).toList();
        List<Listed> listed = asks.stream().map(CompletableFuture::join).toList();
        List<String> unreachable = listed.stream().filter(l -> l.error() != null)
                .map(l -> l.engine().name() + " (" + l.error() + ")").toList();
        LogTarget.Kind kind = target.kind();
        List<ContainerRef> found = new ArrayList<>();
        if (kind == LogTarget.Kind.CONTAINER || kind == LogTarget.Kind.CONTAINER_OR_SERVICE) {
            found.addAll(matching(listed, c -> isContainer(c, target.name())));
        }
        if (kind == LogTarget.Kind.SERVICE || kind == LogTarget.Kind.CONTAINER_OR_SERVICE && found.isEmpty()) {
            found.addAll(matching(listed, c -> isCurrent(c) && target.name().equals(serviceName(c))));
        }
        if (kind == LogTarget.Kind.ENVIRONMENT) {
            found.addAll(matching(listed, c -> isCurrent(c) && target.name().equals(label(c, Naming.NAMESPACE))));
        }
        found.sort(Comparator.comparing(ContainerRef::label).thenComparing(ContainerRef::engine));
        return new Found(List.copyOf(found), unreachable);
    }

    /** Each engine once, named as configured; a Swarm's manager too when it is not among them. */
    private static List<Engine> engines(List<PoolSpec> pools) {
        Map<EndpointSpec, Engine> engines = new LinkedHashMap<>();
        for (PoolSpec pool : pools) {
            for (EngineSpec engine : pool.engines()) {
                engines.putIfAbsent(engine.endpoint(), new Engine(pool.name(), engine.displayName(), engine.endpoint()));
            }
            if (pool.manager() != null) {
                engines.putIfAbsent(pool.manager(), new Engine(pool.name(), pool.name(), pool.manager()));
            }
        }
        return List.copyOf(engines.values());
    }

    private Listed list(Engine engine) {
        try {
            return new Listed(engine, clients.quick(engine.endpoint()).listContainersCmd().withShowAll(true).exec(), null);
        } catch (RuntimeException e) {
            return new Listed(engine, List.of(), DockerErrors.describe(e));
        }
    }

    private interface Match {
        boolean test(Container container);
    }

    private static List<ContainerRef> matching(List<Listed> listed, Match match) {
        List<ContainerRef> found = new ArrayList<>();
        for (Listed l : listed) {
            for (Container c : l.containers()) {
                if (match.test(c)) {
                    Engine e = l.engine();
                    found.add(new ContainerRef(e.pool(), e.name(), e.endpoint(), c.getId(), name(c)));
                }
            }
        }
        return found;
    }

    private static boolean isContainer(Container c, String name) {
        String bare = name.startsWith("/") ? name.substring(1) : name;
        return bare.equals(name(c)) || c.getId().equals(bare)
                || bare.length() >= MIN_ID_PREFIX && bare.matches("[0-9a-f]+") && c.getId().startsWith(bare);
    }

    /** Running, or a standalone container (a stopped Swarm task was replaced by another). */
    private static boolean isCurrent(Container c) {
        return "running".equals(c.getState()) || label(c, SWARM_TASK) == null;
    }

    /** {@code qa_web}: the Swarm service, else the environment and the Envboard or Compose service. */
    static String serviceName(Container c) {
        String swarm = label(c, SWARM_SERVICE);
        if (swarm != null) {
            return swarm;
        }
        String service = label(c, Naming.SERVICE) != null ? label(c, Naming.SERVICE) : label(c, Naming.COMPOSE_SERVICE);
        String group = label(c, Naming.NAMESPACE) != null ? label(c, Naming.NAMESPACE) : label(c, Naming.COMPOSE_PROJECT);
        return service == null || group == null ? null : Naming.service(group, service);
    }

    private static String label(Container c, String key) {
        return c.getLabels() == null ? null : c.getLabels().get(key);
    }

    private static String name(Container c) {
        String[] names = c.getNames();
        if (names == null || names.length == 0) {
            return c.getId().substring(0, Math.min(12, c.getId().length()));
        }
        return names[0].startsWith("/") ? names[0].substring(1) : names[0];
    }
}
