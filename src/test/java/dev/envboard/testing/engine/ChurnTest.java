package dev.envboard.testing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scale benchmark's churn: what it reports is what the simulated engines then answer. */
class ChurnTest {
    private static final List<String> ENVIRONMENTS = List.of("qa", "staging", "perf");
    private final HttpClient http = HttpClient.newHttpClient();
    private EngineSimulator sim;
    private VirtualSwarm swarm;

    @BeforeEach
    void setUp() {
        sim = EngineSimulator.start();
        swarm = sim.swarm("sim-swarm", 4, ENVIRONMENTS, 2);
        sim.standalone("sim-hosts", 3, ENVIRONMENTS, 2);
    }

    @AfterEach
    void tearDown() {
        sim.close();
    }

    private JsonNode get(VirtualEngine engine, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return SimJson.JSON.readTree(response.body());
    }

    @Test
    void eachContainerChangeIsWhatItsEngineThenAnswersAndTheChangesVisitEveryEngine() throws Exception {
        Churn churn = new Churn(sim, ENVIRONMENTS);
        List<VirtualEngine> engines = sim.engines();
        Set<String> touched = new HashSet<>();
        for (int i = 0; i < engines.size() * 3; i++) {
            Churn.Emission emission = churn.containerChange();
            VirtualEngine engine = engines.get(i % engines.size());
            String id = emission.key().split(" ")[0];
            JsonNode inspect = get(engine, "/containers/" + id + "/json");
            String health = inspect.path("State").path("Health").path("Status").asText("");
            assertThat(emission.kind()).isEqualTo(Churn.Kind.CONTAINER);
            assertThat(emission.key()).isEqualTo(Churn.containerKey(id, inspect.path("State").path("Status").asText(), health));
            touched.add(engine.name());
        }
        assertThat(touched).hasSize(engines.size());
    }

    @Test
    void aLabelChangeMovesAWorkerNodeToTheNextEnvironmentAsTheManagerReportsIt() throws Exception {
        Churn churn = new Churn(sim, ENVIRONMENTS);
        Churn.Emission emission = churn.labelChange();
        String[] hostAndEnvironment = emission.key().split(" ");
        JsonNode nodes = get(swarm.manager().engine(), "/nodes");
        List<String> found = new ArrayList<>();
        nodes.forEach(n -> found.add(n.path("Description").path("Hostname").asText() + " "
                + n.path("Spec").path("Labels").path(EngineSimulator.LABEL_KEY).asText()));
        assertThat(emission.kind()).isEqualTo(Churn.Kind.LABEL);
        assertThat(found).contains(emission.key());
        assertThat(hostAndEnvironment[0]).isNotEqualTo(swarm.manager().hostname());
    }

    @Test
    void aRunEmitsRateTimesDurationOfEachKindInOrderOfTime() throws Exception {
        Churn churn = new Churn(sim, ENVIRONMENTS);
        List<Churn.Emission> emitted = new CopyOnWriteArrayList<>();
        churn.run(Duration.ofMillis(300), 100, 10, emitted::add);
        assertThat(emitted.stream().filter(e -> e.kind() == Churn.Kind.CONTAINER)).hasSize(30);
        assertThat(emitted.stream().filter(e -> e.kind() == Churn.Kind.LABEL)).hasSize(3);
        for (int i = 1; i < emitted.size(); i++) {
            assertThat(emitted.get(i).at()).isAfterOrEqualTo(emitted.get(i - 1).at());
        }
    }
}
