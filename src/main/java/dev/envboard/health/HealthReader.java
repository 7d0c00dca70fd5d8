package dev.envboard.health;

import com.ecwid.consul.v1.catalog.model.Node;
import com.ecwid.consul.v1.health.model.Check;
import com.ecwid.consul.v1.health.model.HealthService;
import dev.envboard.health.consul.ConsulCalls;
import dev.envboard.health.consul.ConsulFailure;
import dev.envboard.health.consul.ConsulToken;
import dev.envboard.health.consul.Query;
import dev.envboard.health.consul.Reply;
import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import dev.envboard.runtime.OffFxThread;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a pool's Consul health once, without blocking queries: for {@code envboard health}. */
public final class HealthReader {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private HealthReader() {
    }

    /**
     * @param hosts the pool's hosts (PoolSnapshot.hosts()), to place nodes and environments; may be empty
     * @param env   where a token-env variable is looked up
     * @throws IllegalArgumentException when the pool has no consul block
     */
    public static HealthSnapshot read(PoolSpec pool, List<Host> hosts, Map<String, String> env) {
        OffFxThread.check("HealthReader.read");
        ConsulSpec spec = pool.consul();
        if (spec == null) {
            throw new IllegalArgumentException("pool " + pool.name() + " has no consul block");
        }
        try (ConsulCalls calls = ConsulCalls.open(spec, ConsulToken.of(spec, env), CONNECT_TIMEOUT, Duration.ZERO, 1)) {
            Reply<List<String>> names = calls.services(Query.now());
            boolean filtered = names.filtered();
            Map<String, List<HealthService>> services = new TreeMap<>();
            for (String name : names.value().stream().sorted().limit(HealthWatch.MAX_SERVICES).toList()) {
                Reply<List<HealthService>> instances = calls.service(name, Query.now());
                services.put(name, instances.value() == null ? List.of() : instances.value());
                filtered |= instances.filtered();
            }
            Reply<List<Check>> checks = calls.checks(Query.now());
            Reply<List<Node>> nodes = calls.nodes(Query.now());
            filtered |= checks.filtered() || nodes.filtered();
            return HealthJoin.join(pool, hosts, new HealthJoin.Answers(services, checks.value(), nodes.value()),
                    new HealthJoin.Reading(ConsulState.OK, null, filtered, Instant.now()));
        } catch (ConsulFailure failure) {
            boolean unauthorized = failure.kind() == ConsulFailure.Kind.UNAUTHORIZED;
            ConsulState state = unauthorized ? ConsulState.UNAUTHORIZED : ConsulState.UNREACHABLE;
            return HealthJoin.join(pool, hosts, new HealthJoin.Answers(Map.of(), null, null),
                    new HealthJoin.Reading(state, state.label() + ": " + failure.getMessage(), false, Instant.now()));
        }
    }
}
