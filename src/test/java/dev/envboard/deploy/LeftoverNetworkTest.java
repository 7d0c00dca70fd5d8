package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's stale-endpoint fault keeps an environment's network "in use" after its containers
 * are gone. Simulated here by a foreign container (not of the environment) kept on that network:
 * the redeploy must not wait for the network, and must leave the foreign container alone.
 */
@ExtendWith(dev.envboard.testing.SandboxExtension.class)
class LeftoverNetworkTest {
    private static final String ENV = "netenv";
    private static final String NETWORK = ENV + "_default";
    private static final String FOREIGN = "envboard-test-foreign";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");
    private static final String STACK = """
            services:
              tick:
                image: envboard/demo:1
                pull_policy: never
                command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                stop_grace_period: 1s
                deploy:
                  replicas: 2
                  placement:
                    max_replicas_per_node: 1
            """;
    private Sandbox sandbox;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;
    private Sandbox.Engine one;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        one = sandbox.engine("envboard-host-1");
        fixture = new DeployFixture(sandbox, dir);
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        for (String host : HOSTS) {
            guard.setEnvironment(host, ENV);
        }
        fixture.stack(ENV, STACK);
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        // A container of nobody's environment holds the network, as a stale endpoint would.
        sandbox.docker(one, "run", "-d", "--name", FOREIGN, "--network", NETWORK, "envboard/demo:1",
                "sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (!sandbox.docker(one, "ps", "-aq", "--filter", "name=^" + FOREIGN + "$").isBlank()) {
                sandbox.docker(one, "rm", "-f", FOREIGN);
            }
            fixture.removeContainers(ENV);
            guard.restore();
        } finally {
            fixture.close();
        }
    }

    @Test
    void aNetworkHeldByAForeignContainerIsReusedAndTheForeignContainerIsLeftAlone() {
        String foreignId = sandbox.docker(one, "inspect", "--format", "{{.Id}}", FOREIGN);
        Set<String> before = ids();
        assertThat(removable(one, NETWORK)).as("the precondition: the engine refuses to remove the network").isFalse();

        // Before, this waited 180 s for the network and failed with nothing created.
        DeployRecord record = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> fixture.redeploy("sandbox-hosts", ENV));

        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> now = ids();
        assertThat(now).as("two new containers").hasSize(2).doesNotContainAnyElementsOf(before);
        for (String host : HOSTS) {
            assertThat(fixture.containers(host, ENV)).singleElement().satisfies(line -> assertThat(line).endsWith(" running"));
            assertThat(networksOf(host, fixture.containers(host, ENV).get(0).split(" ")[0])).isEqualTo(NETWORK);
        }
        assertForeignUntouched(foreignId, NETWORK);
        assertThat(sandbox.docker(one, "network", "inspect", "--format", "{{range .Containers}}{{.Name}} {{end}}", NETWORK))
                .as("the reused network holds the new replica and the foreign container")
                .contains(FOREIGN).contains(ENV + "_tick_");
    }

    @Test
    void aNetworkThatMustBeReplacedButIsHeldGivesTheNewDeploymentAFreshName() throws Exception {
        String foreignId = sandbox.docker(one, "inspect", "--format", "{{.Id}}", FOREIGN);
        fixture.stack(ENV, STACK + """
                networks:
                  default:
                    driver_opts:
                      com.docker.network.driver.mtu: "1400"
                """);

        DeployRecord record = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> fixture.redeploy("sandbox-hosts", ENV));

        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        String fresh = NETWORK + "_" + record.id();
        String replica = fixture.containers("envboard-host-1", ENV).get(0).split(" ")[0];
        assertThat(networksOf("envboard-host-1", replica)).as("host-1: the old network is held, so a fresh one").isEqualTo(fresh);
        assertThat(sandbox.docker(one, "network", "inspect", "--format",
                "{{index .Options \"com.docker.network.driver.mtu\"}} {{index .Labels \"com.docker.stack.namespace\"}}", fresh))
                .isEqualTo("1400 " + ENV);
        Sandbox.Engine two = sandbox.engine("envboard-host-2");
        String other = fixture.containers("envboard-host-2", ENV).get(0).split(" ")[0];
        assertThat(networksOf("envboard-host-2", other)).as("host-2: nothing held it, so it was replaced under its name").isEqualTo(NETWORK);
        assertThat(sandbox.docker(two, "network", "inspect", "--format", "{{index .Options \"com.docker.network.driver.mtu\"}}", NETWORK))
                .isEqualTo("1400");
        assertForeignUntouched(foreignId, NETWORK);

        // Once nobody holds it, the next redeploy removes the old network and keeps the fresh one.
        sandbox.docker(one, "rm", "-f", FOREIGN);
        DeployRecord next = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(next.result()).as(next.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(sandbox.docker(one, "network", "ls", "--filter", "label=com.docker.stack.namespace=" + ENV, "--format", "{{.Name}}"))
                .isEqualTo(fresh);
        assertThat(networksOf("envboard-host-1", fixture.containers("envboard-host-1", ENV).get(0).split(" ")[0])).isEqualTo(fresh);
    }

    private void assertForeignUntouched(String foreignId, String network) {
        assertThat(sandbox.docker(one, "inspect", "--format", "{{.Id}} {{.State.Status}}", FOREIGN))
                .as("the foreign container still exists and runs").isEqualTo(foreignId + " running");
        assertThat(networksOf("envboard-host-1", FOREIGN)).as("and is still attached").isEqualTo(network);
    }

    private boolean removable(Sandbox.Engine engine, String network) {
        try {
            sandbox.docker(engine, "network", "rm", network);
            return true;
        } catch (AssertionError refused) {
            assertThat(refused.getMessage()).contains("active endpoints");
            return false;
        }
    }

    private String networksOf(String host, String container) {
        return sandbox.docker(sandbox.engine(host), "inspect", "--format",
                "{{range $name, $n := .NetworkSettings.Networks}}{{$name}} {{end}}", container).trim();
    }

    private Set<String> ids() {
        Set<String> ids = new java.util.HashSet<>();
        HOSTS.forEach(host -> ids.addAll(fixture.containerIds(host, ENV)));
        return ids;
    }
}
