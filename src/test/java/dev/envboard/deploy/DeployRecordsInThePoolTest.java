package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.watch.DeployFields;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecord;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.pool.records.RecordListing;
import dev.envboard.runtime.Machine;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.DeployRecordsCleanup;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a redeploy the pool itself holds its record (a Swarm config; a volume on each standalone
 * host of the environment), read back by a second client and by the docker CLI, and every service
 * or container deployed carries who, when and the stack's SHA-256 next to the deploy id.
 */
@ExtendWith(SandboxExtension.class)
class DeployRecordsInThePoolTest {
    private static final String ENV = "recordenv";
    private static final String NODE = "envboard-swarm-3";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;
    private PoolSpec pool;

    private void setUp(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        SandboxRegistry registry = SandboxRegistry.of(sandbox);
        fixture = new DeployFixture(sandbox, dir, UnaryOperator.identity(), Map.of("DOCKER_CONFIG", registry.dockerConfig.toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture == null) {
            return;
        }
        try {
            if (pool != null) {
                DeployRecordsCleanup.remove(pool, ENV);
            }
            fixture.removeStack(ENV);
            fixture.removeContainers(ENV);
            if (guard != null) {
                guard.restore();
            } else {
                sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODE);
            }
        } finally {
            fixture.close();
        }
    }

    private void stack(SandboxRegistry registry, String tag) throws Exception {
        fixture.env(ENV, "IMAGE=" + registry.repository + "\nTAG=" + tag + "\n");
        fixture.stack(ENV, """
                services:
                  web:
                    image: ${IMAGE}:${TAG}
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                  db:
                    image: ${IMAGE}:1
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """);
    }

    @Test
    void aSwarmRedeployIsAConfigInThePoolWithWhoWhenStackDigestsAndResultAndItsServicesCarryTheLabels(Sandbox sandbox) throws Exception {
        setUp(sandbox);
        SandboxRegistry registry = SandboxRegistry.of(sandbox);
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, NODE);
        pool = fixture.pool("sandbox-swarm");
        stack(registry, "1");
        DeployRecord first = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        stack(registry, "2");
        DeployRecord second = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(second.result()).as(second.error()).isEqualTo(DeployRecord.SUCCEEDED);
        String who = Machine.who(System.getProperty("user.name"));
        assertThat(second.user()).isEqualTo(who);

        // A second client, as another Envboard would read it.
        try (DockerClients other = new DockerClients()) {
            RecordListing read = new PoolRecords(other).list(pool, DeployFields.KIND);
            assertThat(read.unreachable()).isEmpty();
            PoolRecord record = read.find(ENV, second.id()).orElseThrow();
            assertThat(record.revision()).as("written running, then ended").isEqualTo(2);
            assertThat(record.locations()).containsExactly("swarm");
            assertThat(record.fields()).containsEntry("user", who).containsEntry("state", "ended")
                    .containsEntry("result", "succeeded").containsEntry("started", second.startedAt().toString())
                    .containsEntry("finished", second.finishedAt().toString()).containsEntry("stack-sha256", second.stackSha256())
                    .containsEntry("duration-ms", Long.toString(second.durationMillis()))
                    .containsEntry("downtime-ms", Long.toString(second.downtimeMillis()));
            JsonNode versions = JSON.readTree(record.field("versions"));
            assertThat(versions.get("web").get("previousDigest").asText()).isEqualTo(registry.digest("1"));
            assertThat(versions.get("web").get("digest").asText()).isEqualTo(registry.digest("2"));
            assertThat(versions.get("db").get("digest").asText()).isEqualTo(registry.digest("1"));
            assertThat(versions.get("db").get("previousDigest").asText()).isEqualTo(registry.digest("1"));
            JsonNode images = JSON.readTree(record.field("images"));
            assertThat(images.get("web").get("image").asText()).isEqualTo(registry.image("2"));
            assertThat(read.find(ENV, first.id())).as("the first run stays too").isPresent();
        }

        // The docker CLI sees the same config.
        String config = sandbox.docker(sandbox.manager(), "config", "ls", "--format", "{{.Name}}",
                "--filter", "label=dev.envboard.record.id=" + second.id());
        assertThat(config).isNotBlank().doesNotContain("\n");
        assertThat(sandbox.docker(sandbox.manager(), "config", "inspect", "--format",
                "{{index .Spec.Labels \"dev.envboard.deploy.result\"}} {{index .Spec.Labels \"dev.envboard.deploy.user\"}} "
                        + "{{index .Spec.Labels \"dev.envboard.record.subject\"}}", config))
                .isEqualTo("succeeded " + who + " " + ENV);

        for (String service : List.of("web", "db")) {
            String labels = sandbox.docker(sandbox.manager(), "service", "inspect", "--format",
                    "{{index .Spec.Labels \"dev.envboard.deploy-id\"}}|{{index .Spec.Labels \"dev.envboard.deploy-user\"}}|"
                            + "{{index .Spec.Labels \"dev.envboard.deploy-started\"}}|{{index .Spec.Labels \"dev.envboard.stack-sha256\"}}",
                    ENV + "_" + service);
            assertThat(labels).as(service).isEqualTo(second.id() + "|" + who + "|" + second.startedAt() + "|" + second.stackSha256());
        }
        String container = sandbox.docker(sandbox.engine(NODE), "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + ENV + "_web");
        assertThat(sandbox.docker(sandbox.engine(NODE), "inspect", "--format", "{{index .Config.Labels \"dev.envboard.deploy-user\"}}",
                container.strip())).as("the task's container too").isEqualTo(who);
    }

    @Test
    void aStandaloneRedeployIsAVolumeOnEachHostOfTheEnvironmentAndItsContainersCarryTheLabels(Sandbox sandbox) throws Exception {
        setUp(sandbox);
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        for (String host : HOSTS) {
            guard.setEnvironment(host, ENV);
        }
        pool = fixture.pool("sandbox-hosts");
        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:1"));
        DeployRecord record = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        String who = Machine.who(System.getProperty("user.name"));

        for (String host : HOSTS) {
            String volume = sandbox.docker(sandbox.engine(host), "volume", "ls", "-q", "--filter", "label=dev.envboard.record.id=" + record.id());
            assertThat(volume).as(host).isNotBlank().doesNotContain("\n");
            assertThat(sandbox.docker(sandbox.engine(host), "volume", "inspect", "--format",
                    "{{index .Labels \"dev.envboard.deploy.result\"}} {{index .Labels \"dev.envboard.deploy.stack-sha256\"}} "
                            + "{{index .Labels \"dev.envboard.record.revision\"}}", volume))
                    .as(host).isEqualTo("succeeded " + record.stackSha256() + " 2");
            for (String line : fixture.containers(host, ENV)) {
                String name = line.split(" ")[0];
                assertThat(sandbox.docker(sandbox.engine(host), "inspect", "--format",
                        "{{index .Config.Labels \"dev.envboard.deploy-id\"}}|{{index .Config.Labels \"dev.envboard.deploy-user\"}}|"
                                + "{{index .Config.Labels \"dev.envboard.deploy-started\"}}|{{index .Config.Labels \"dev.envboard.stack-sha256\"}}",
                        name)).as(name).isEqualTo(record.id() + "|" + who + "|" + record.startedAt() + "|" + record.stackSha256());
            }
        }
        try (DockerClients other = new DockerClients()) {
            PoolRecord read = new PoolRecords(other).list(pool, DeployFields.KIND).find(ENV, record.id()).orElseThrow();
            assertThat(read.locations()).containsExactlyInAnyOrder("envboard-host-1", "envboard-host-2");
            assertThat(read.field("user")).isEqualTo(who);
        }
    }
}
