package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class PoolInspectorSandboxTest {
    private final ObjectMapper json = new ObjectMapper();
    private DockerClients clients;
    private ExecutorService io;
    private PoolInspector inspector;
    private PoolsConfig config;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        clients = new DockerClients();
        io = Executors.newFixedThreadPool(4);
        inspector = new PoolInspector(clients, io, Clock.systemUTC());
        config = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile());
    }

    @AfterEach
    void tearDown() {
        io.shutdownNow();
        clients.close();
    }

    @Test
    void swarmPoolListsEveryNodeWithTheLabelsDockerReports(Sandbox sandbox) throws Exception {
        PoolSnapshot snapshot = inspector.inspect(config.pool("sandbox-swarm").orElseThrow()).join();
        assertThat(snapshot.status()).isEqualTo(PoolStatus.ONLINE);
        assertThat(snapshot.kind()).isEqualTo(PoolKind.SWARM);

        List<String> cliHostnames = Arrays.asList(sandbox.docker(sandbox.manager(), "node", "ls", "--format", "{{.Hostname}}").split("\n"));
        assertThat(snapshot.hosts()).extracting(Host::hostname).containsExactlyInAnyOrderElementsOf(cliHostnames);
        for (Host host : snapshot.hosts()) {
            Map<String, String> cliLabels = json.readValue(
                    sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{json .Spec.Labels}}", host.nodeId()),
                    new TypeReference<HashMap<String, String>>() { });
            assertThat(host.labels()).as(host.hostname()).isEqualTo(cliLabels);
            assertThat(host.environment()).isEqualTo(cliLabels.get("environment"));
            String role = sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.Spec.Role}}", host.nodeId());
            assertThat(host.role().label()).isEqualTo(role);
            assertThat(host.state()).isEqualTo(HostState.READY);
        }
    }

    @Test
    void standalonePoolReadsEachEngineAndItsEngineLabels(Sandbox sandbox) {
        PoolSnapshot snapshot = inspector.inspect(config.pool("sandbox-hosts").orElseThrow()).join();
        assertThat(snapshot.status()).isEqualTo(PoolStatus.ONLINE);
        assertThat(snapshot.hosts()).extracting(Host::hostname)
                .containsExactlyElementsOf(sandbox.standaloneHosts().stream().map(Sandbox.Engine::name).toList());
        for (Host host : snapshot.hosts()) {
            String cli = sandbox.docker(sandbox.engine(host.hostname()), "info", "--format", "{{join .Labels \",\"}}");
            Map<String, String> expected = Labels.fromEngineList(cli.isEmpty() ? new String[0] : cli.split(","));
            assertThat(host.labels()).isEqualTo(expected);
            assertThat(host.role()).isEqualTo(HostRole.STANDALONE);
        }
    }

    @Test
    void anEngineThatDoesNotAnswerIsReportedNotHidden(Sandbox sandbox) {
        PoolSpec real = config.pool("sandbox-hosts").orElseThrow();
        EngineSpec ghost = new EngineSpec("ghost", dev.envboard.docker.EndpointSpec.parse(
                "unix://" + sandbox.dir().resolve("no-such-engine.sock"), null, false), "10.254.77.99", null, "/x", "true");
        PoolSpec withGhost = new PoolSpec(real.name(), real.kind(), real.labelKey(), real.labelScope(), null,
                java.util.stream.Stream.concat(real.engines().stream(), java.util.stream.Stream.of(ghost)).toList(),
                null, "test", null);
        PoolSnapshot snapshot = inspector.inspect(withGhost).join();
        assertThat(snapshot.status()).isEqualTo(PoolStatus.DEGRADED);
        Host host = snapshot.hosts().stream().filter(h -> h.hostname().equals("ghost")).findFirst().orElseThrow();
        assertThat(host.state()).isEqualTo(HostState.UNREACHABLE);
        assertThat(host.error()).contains("no-such-engine.sock");
    }
}
