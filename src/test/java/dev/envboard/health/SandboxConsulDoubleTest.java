package dev.envboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.catalog.CatalogNodesRequest;
import com.ecwid.consul.v1.health.HealthServicesRequest;
import com.ecwid.consul.v1.health.model.Check;
import com.ecwid.consul.v1.health.model.Check.CheckStatus;
import com.ecwid.consul.v1.health.model.HealthService;
import dev.envboard.testing.ConsulApiDouble;
import dev.envboard.testing.ConsulApiDouble.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Consul that scripts/sandbox.sh serves (the double with tools/consul-double/sandbox): its
 * nodes must be the sandbox's engines, or health would land on no host of the board.
 */
class SandboxConsulDoubleTest {
    private static ConsulApiDouble consul;
    private static ConsulClient client;

    @BeforeAll
    static void start() {
        consul = ConsulApiDouble.start(Templates.SANDBOX);
        client = new ConsulClient(consul.host(), consul.port());
    }

    @AfterAll
    static void stop() {
        if (consul != null) {
            consul.close();
        }
    }

    // Read from the script itself (sourced, it only defines functions), at its default counts.
    private static List<String> sandboxEngines() throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c",
                "source scripts/sandbox.sh && for e in $(expected_engines); do echo \"$e $(engine_addr \"$e\")\"; done")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        bash.environment().keySet().removeIf(key -> key.startsWith("SANDBOX_"));
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("sourcing scripts/sandbox.sh").isZero();
        return out.lines().toList();
    }

    private static List<HealthService> health(String service, boolean passingOnly) {
        return client.getHealthServices(service, HealthServicesRequest.newBuilder()
                .setPassing(passingOnly).setQueryParams(QueryParams.DEFAULT).build()).getValue();
    }

    private static Map<String, String> statusByNode(List<HealthService> entries) {
        Map<String, String> status = new TreeMap<>();
        for (HealthService entry : entries) {
            status.put(entry.getNode().getNode(), entry.getService().getTags() + " " + entry.getChecks().stream()
                    .map(c -> c.getCheckId().replaceAll(":.*", "") + "=" + c.getStatus()).toList());
        }
        return status;
    }

    @Test
    void itsNodesAreTheSandboxEnginesByHostnameAndAddress() throws Exception {
        List<String> nodes = client.getCatalogNodes(CatalogNodesRequest.newBuilder().build()).getValue().stream()
                .map(node -> node.getNode() + " " + node.getAddress()).toList();

        assertThat(nodes).containsExactlyElementsOf(sandboxEngines()).hasSize(5);
        assertThat(client.getCatalogDatacenters().getValue()).containsExactly("dc1");
    }

    @Test
    void servicesCarryTheirHostsEnvironmentAndOneOfEachTrouble() {
        assertThat(statusByNode(health("web", false))).containsExactly(
                Map.entry("envboard-host-1", "[environment=qa] [serfHealth=PASSING, service=PASSING]"),
                Map.entry("envboard-swarm-1", "[environment=qa] [serfHealth=PASSING, service=PASSING]"),
                Map.entry("envboard-swarm-2", "[environment=demo] [serfHealth=PASSING, service=PASSING, "
                        + "_service_maintenance=CRITICAL]"));
        assertThat(statusByNode(health("api", false))).containsEntry("envboard-host-1",
                "[environment=qa] [serfHealth=PASSING, service=WARNING]").hasSize(3);
        assertThat(statusByNode(health("worker", false))).containsEntry("envboard-swarm-2",
                "[environment=demo] [serfHealth=PASSING, service=CRITICAL]").hasSize(2);
        assertThat(health("web", true)).extracting(e -> e.getNode().getNode())
                .containsExactly("envboard-swarm-1", "envboard-host-1");
    }

    @Test
    void criticalIsTheMaintenancesAndTheFailingWorker() {
        List<Check> critical = client.getHealthChecksState(CheckStatus.CRITICAL, QueryParams.DEFAULT).getValue();

        assertThat(critical).extracting(c -> c.getNode() + " " + c.getCheckId()).containsExactly(
                "envboard-swarm-2 _service_maintenance:web-envboard-swarm-2",
                "envboard-swarm-2 service:worker-envboard-swarm-2",
                "envboard-swarm-3 _node_maintenance");
    }

    // Nothing changes in the sandbox's Consul: a query at its index waits, and comes back at it.
    @Test
    @Timeout(30)
    void aBlockingQueryAtTheIndexIsHeldAndReturnsTheSameIndex() {
        long index = client.getHealthServices("web", HealthServicesRequest.newBuilder().build()).getConsulIndex();
        long started = System.nanoTime();
        Response<List<HealthService>> held = client.getHealthServices("web",
                HealthServicesRequest.newBuilder().setQueryParams(new QueryParams(10, index)).build());

        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(ConsulApiDouble.LATENCY.toNanos());
        assertThat(held.getConsulIndex()).isEqualTo(index);
        assertThat(held.getValue()).hasSize(3);
    }
}
