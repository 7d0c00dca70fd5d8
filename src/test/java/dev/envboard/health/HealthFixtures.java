package dev.envboard.health;

import dev.envboard.testing.TestHosts;
import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Pools, hosts and pacing for the health tests: short waits and backoff so nothing idles. */
final class HealthFixtures {
    static final String TOKEN_ENV = "ENVBOARD_TEST_CONSUL_TOKEN";

    private HealthFixtures() {
    }

    static PoolSpec pool(String address, String tokenEnv) {
        ConsulSpec consul = new ConsulSpec(URI.create(address), null, null, tokenEnv, null, Map.of("consul-odd", "host-3"));
        return new PoolSpec("lab", PoolKind.SWARM, "environment", LabelScope.NODE, null, List.of(), null, "test", consul);
    }

    static HealthWatch.Options options(Map<String, String> env) {
        return new HealthWatch.Options(env, Duration.ofSeconds(60), Duration.ofMillis(20), Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    static Host host(String hostname, String address, String environment) {
        return TestHosts.node(hostname).address(address).in(environment).build();
    }

    /** host-1 (prod) is node-1 by address; host-2 (qa) is node-2 by name; host-3 is consul-odd by the explicit map. */
    static List<Host> hosts() {
        return List.of(host("host-1", "10.0.0.1", "prod"), host("node-2.lab.example", "10.0.0.2", "qa"),
                host("host-3", "10.0.0.3", "qa"));
    }

    /** Two nodes' worth of services: web-1 on node-1 (prod by its host), web-2 on node-2 with meta saying staging. */
    static void register(ConsulDouble consul) {
        consul.node("node-1", "10.0.0.1");
        consul.node("node-2", "10.9.9.9");
        consul.node("consul-odd", "10.9.9.10");
        consul.service("web-1", "web", "node-1", List.of("v1"), Map.of());
        consul.service("web-2", "web", "node-2", List.of(), Map.of("environment", "staging"));
        consul.service("db-1", "db", "consul-odd", List.of("environment=qa"), Map.of());
    }
}
