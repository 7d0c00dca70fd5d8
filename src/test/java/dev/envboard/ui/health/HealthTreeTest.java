package dev.envboard.ui.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.health.ConsulState;
import dev.envboard.health.HealthCheck;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthStatus;
import dev.envboard.health.NodeHealth;
import dev.envboard.health.ServiceInstance;
import dev.envboard.ui.health.HealthRow.Kind;
import dev.envboard.ui.health.HealthTree.Branch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTreeTest {
    private static final HealthCheck WEB_OK = check("node-1", "service:web-1", HealthStatus.PASSING, "200 OK", "web-1", "web");
    private static final HealthCheck WEB_DOWN =
            check("node-2", "service:web-2", HealthStatus.CRITICAL, "500 Internal Server Error\nstack trace line", "web-2", "web");
    private static final HealthCheck API_SLOW = check("node-2", "service:api-2", HealthStatus.WARNING, "slow: 2.3 s", "api-2", "api");

    private static final HealthSnapshot SNAPSHOT = new HealthSnapshot("pool", ConsulState.OK, "", false, Instant.EPOCH,
            List.of(instance("web", "web-1", "node-1", "host-1", "qa", HealthStatus.PASSING, WEB_OK),
                    instance("web", "web-2", "node-2", "host-2", "demo", HealthStatus.CRITICAL, WEB_DOWN),
                    instance("api", "api-2", "node-2", "host-2", "demo", HealthStatus.WARNING, API_SLOW)),
            List.of(new NodeHealth("node-1", "10.0.0.1", "host-1", HealthStatus.PASSING, null,
                            List.of(check("node-1", "serfHealth", HealthStatus.PASSING, "alive", "", ""))),
                    new NodeHealth("node-2", "10.0.0.2", "host-2", HealthStatus.PASSING, null,
                            List.of(check("node-2", "serfHealth", HealthStatus.PASSING, "alive", "", "")))));

    @Test
    void servicesHoldTheirInstancesAndChecksThenTheNodes() {
        List<Branch> tree = HealthTree.build(SNAPSHOT, HealthFilter.ALL);
        assertThat(tree).as("critical first").extracting(b -> b.row().name()).containsExactly("web", "api", "Consul nodes");
        Branch web = tree.get(0);
        assertThat(web.row().status()).as("worst instance").isEqualTo(HealthStatus.CRITICAL);
        assertThat(web.row().environment()).isEqualTo("demo, qa");
        assertThat(web.children()).extracting(b -> b.row().name()).containsExactly("web-2", "web-1");
        Branch down = web.children().get(0);
        assertThat(down.row().output()).isEqualTo("Service 'web' check: 500 Internal Server Error");
        HealthRow check = down.children().get(0).row();
        assertThat(check.kind()).isEqualTo(Kind.CHECK);
        assertThat(check.output()).as("one line in the table").isEqualTo("500 Internal Server Error");
        assertThat(check.detail()).as("the whole output below").contains("500 Internal Server Error\nstack trace line");
        assertThat(tree.get(2).children()).extracting(b -> b.row().name()).containsExactly("node-1", "node-2");
    }

    @Test
    void criticalOnlyKeepsInstancesWithACriticalCheck() {
        List<Branch> tree = HealthTree.build(SNAPSHOT, new HealthFilter(true, null, ""));
        assertThat(tree).extracting(b -> b.row().name()).containsExactly("web");
        assertThat(tree.get(0).children()).extracting(b -> b.row().name()).containsExactly("web-2");
    }

    @Test
    void anEnvironmentKeepsItsInstancesAndTheNodesTheyRunOn() {
        List<Branch> tree = HealthTree.build(SNAPSHOT, new HealthFilter(false, "qa", ""));
        assertThat(tree).extracting(b -> b.row().name()).containsExactly("web", "Consul nodes");
        assertThat(tree.get(0).children()).extracting(b -> b.row().name()).containsExactly("web-1");
        assertThat(tree.get(1).children()).extracting(b -> b.row().name()).containsExactly("node-1");
    }

    @Test
    void textMatchesCheckOutputWithoutCase() {
        List<Branch> tree = HealthTree.build(SNAPSHOT, new HealthFilter(false, null, "SLOW"));
        assertThat(tree).extracting(b -> b.row().name()).containsExactly("api");
    }

    @Test
    void maintenanceCountsOnlyWhenItIsAllThereIs() {
        assertThat(HealthTree.worst(List.of(HealthStatus.MAINTENANCE, HealthStatus.PASSING))).isEqualTo(HealthStatus.PASSING);
        assertThat(HealthTree.worst(List.of(HealthStatus.MAINTENANCE))).isEqualTo(HealthStatus.MAINTENANCE);
        assertThat(HealthTree.worst(List.of(HealthStatus.WARNING, HealthStatus.CRITICAL))).isEqualTo(HealthStatus.CRITICAL);
    }

    private static ServiceInstance instance(String service, String id, String node, String host, String env,
                                            HealthStatus status, HealthCheck check) {
        return new ServiceInstance(service, id, node, "10.0.0.9", List.of(), Map.of(), host, env, status, null, List.of(check));
    }

    private static HealthCheck check(String node, String id, HealthStatus status, String output, String serviceId, String service) {
        String name = serviceId.isEmpty() ? "Serf Health Status" : "Service '" + service + "' check";
        return new HealthCheck(node, id, name, status, output, "", serviceId, service);
    }
}
