package dev.envboard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.OperationException;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.catalog.CatalogNodesRequest;
import com.ecwid.consul.v1.catalog.CatalogServicesRequest;
import com.ecwid.consul.v1.catalog.model.Node;
import com.ecwid.consul.v1.health.HealthServicesRequest;
import com.ecwid.consul.v1.health.model.Check;
import com.ecwid.consul.v1.health.model.Check.CheckStatus;
import com.ecwid.consul.v1.health.model.HealthService;
import dev.envboard.testing.ConsulApiDouble;
import dev.envboard.testing.ConsulApiDouble.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What HashiCorp's Consul API double serves, read with consul-api's ConsulClient: its own
 * health/service answers, ours for what it lacks (catalog services and nodes, health state), and
 * blocking queries followed by X-Consul-Index.
 */
class HashicorpConsulDoubleTest {
    private static ConsulApiDouble consul;
    private static ConsulClient client;

    @BeforeAll
    static void start() {
        consul = ConsulApiDouble.start(Templates.HASHICORP);
        client = new ConsulClient(consul.host(), consul.port());
    }

    @AfterAll
    static void stop() {
        if (consul != null) {
            consul.close();
        }
    }

    private static HealthServicesRequest health(QueryParams params) {
        return HealthServicesRequest.newBuilder().setQueryParams(params).build();
    }

    @Test
    void healthServiceAnswersParseIntoNodesServicesAndTypedChecks() {
        Response<List<HealthService>> response = client.getHealthServices("web", health(QueryParams.DEFAULT));

        List<HealthService> entries = response.getValue();
        assertThat(entries).hasSize(ConsulApiDouble.NODE_COUNT);
        assertThat(response.getConsulIndex()).isEqualTo(2L);
        for (HealthService entry : entries) {
            assertThat(entry.getNode().getNode()).matches("node-\\d+");
            assertThat(entry.getNode().getAddress()).matches("\\d{1,3}(\\.\\d{1,3}){3}");
            assertThat(entry.getNode().getDatacenter()).isEqualTo("dc1");
            assertThat(entry.getService().getService()).isEqualTo("web");
            assertThat(entry.getService().getId()).startsWith("web");
            assertThat(entry.getService().getPort()).isBetween(0, 65535);
            assertThat(entry.getService().getTags()).hasSize(ConsulApiDouble.TAG_COUNT);
            assertThat(entry.getChecks()).isNotEmpty().allSatisfy(check -> {
                assertThat(check.getNode()).isEqualTo(entry.getNode().getNode());
                assertThat(check.getCheckId()).isNotBlank();
                assertThat(check.getStatus()).isIn(CheckStatus.PASSING, CheckStatus.WARNING, CheckStatus.CRITICAL);
            });
        }
        // HashiCorp's template makes the first two checks of every node critical.
        assertThat(entries.get(0).getChecks().get(0).getStatus()).isEqualTo(CheckStatus.CRITICAL);
    }

    // Not the whole answer: faker's user agents (in check outputs) ignore the seed.
    private static List<String> essence(List<HealthService> entries) {
        return entries.stream().map(e -> e.getNode().getNode() + " " + e.getNode().getAddress() + " "
                + e.getService().getId() + ":" + e.getService().getPort() + " " + e.getService().getTags() + " "
                + e.getChecks().stream().map(c -> c.getCheckId() + "=" + c.getStatus()).toList()).toList();
    }

    @Test
    void theSeedMakesTheSameAnswerTwice() {
        List<String> first = essence(client.getHealthServices("api", health(QueryParams.DEFAULT)).getValue());
        List<String> second = essence(client.getHealthServices("api", health(QueryParams.DEFAULT)).getValue());
        assertThat(second).isEqualTo(first).hasSize(ConsulApiDouble.NODE_COUNT);
        assertThat(client.getHealthServices("api", health(QueryParams.DEFAULT)).getValue())
                .allSatisfy(entry -> assertThat(entry.getService().getTags()).hasSize(ConsulApiDouble.TAG_COUNT));
    }

    @Test
    void catalogServicesComeFromOurTemplate() {
        Response<Map<String, List<String>>> response = client.getCatalogServices(CatalogServicesRequest.newBuilder().build());

        Map<String, List<String>> services = response.getValue();
        assertThat(services).containsEntry("consul", List.of()).hasSize(11);
        services.forEach((name, tags) -> {
            if (!name.equals("consul")) {
                assertThat(name).matches("service-\\d");
                assertThat(tags.get(0)).matches("environment=(qa|demo|dev)");
            }
        });
        assertThat(response.getConsulIndex()).isEqualTo(2L);
    }

    @Test
    void catalogNodesAreTheNodesOfHealthAnswers() {
        List<Node> nodes = client.getCatalogNodes(CatalogNodesRequest.newBuilder().build()).getValue();
        List<String> healthNodes = client.getHealthServices("web", health(QueryParams.DEFAULT)).getValue().stream()
                .map(entry -> entry.getNode().getNode()).toList();

        assertThat(nodes).extracting(Node::getNode).containsExactlyElementsOf(healthNodes);
        assertThat(nodes).allSatisfy(node -> assertThat(node.getAddress()).matches("\\d{1,3}(\\.\\d{1,3}){3}"));
    }

    @Test
    void healthStateIsAnyFilteredByStatus() {
        List<Check> any = client.getHealthChecksState(QueryParams.DEFAULT).getValue();
        List<Check> critical = client.getHealthChecksState(CheckStatus.CRITICAL, QueryParams.DEFAULT).getValue();

        assertThat(any).extracting(Check::getStatus).contains(CheckStatus.PASSING, CheckStatus.CRITICAL);
        assertThat(any).extracting(Check::getCheckId).contains("serfHealth");
        assertThat(critical).isNotEmpty();
        assertThat(critical.toString())
                .isEqualTo(any.stream().filter(c -> c.getStatus() == CheckStatus.CRITICAL).toList().toString());
    }

    @Test
    void anUnknownHealthStateIsABadRequest() {
        assertThatThrownBy(() -> client.getHealthChecksState(CheckStatus.UNKNOWN, QueryParams.DEFAULT))
                .isInstanceOfSatisfying(OperationException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    }

    // The timeout only guards against a hang; how long the double holds a query is not asserted.
    @Test
    @Timeout(60)
    void blockingQueriesFollowTheIndex() {
        long index = client.getHealthServices("web", health(QueryParams.DEFAULT)).getConsulIndex();
        for (int round = 0; round < 2; round++) {
            Response<List<HealthService>> held = client.getHealthServices("web", health(new QueryParams(10, index)));
            assertThat(held.getValue()).hasSize(ConsulApiDouble.NODE_COUNT);
            assertThat(held.getConsulIndex()).as("index after a query at %d", index).isEqualTo(index + 1);
            index = held.getConsulIndex();
        }
        Response<Map<String, List<String>>> services = client.getCatalogServices(
                CatalogServicesRequest.newBuilder().setQueryParams(new QueryParams(10, index)).build());
        assertThat(services.getConsulIndex()).isEqualTo(index + 1);
    }
}
