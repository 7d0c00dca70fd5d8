package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.LogCapture;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone environment shipped from the sandbox's private registry with the default pull
 * policy (always): every tag resolved to a digest, pulled everywhere first, run pinned. Checked
 * with docker inspect on each engine against the digests the registry itself names (curl).
 */
@ExtendWith(SandboxExtension.class)
class RegistryRedeployTest {
    private static final String ENV = "shipenv";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private SandboxRegistry registry;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;

    private void setUp(Sandbox sandbox, Path dockerConfig) throws Exception {
        this.sandbox = sandbox;
        fixture = new DeployFixture(sandbox, dir, UnaryOperator.identity(), Map.of("DOCKER_CONFIG", dockerConfig.toString()));
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        for (String host : HOSTS) {
            guard.setEnvironment(host, ENV);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture == null) {
            return;
        }
        try {
            fixture.removeContainers(ENV);
            guard.restore();
        } finally {
            fixture.close();
        }
    }

    /** web (3 replicas, healthcheck) and api: both from the registry, the tag from .env. */
    private void stack(String tag) throws Exception {
        fixture.env(ENV, "IMAGE=" + registry.repository + "\nTAG=" + tag + "\n");
        fixture.stack(ENV, """
                services:
                  web:
                    image: ${IMAGE}:${TAG}
                    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
                      interval: 1s
                      timeout: 2s
                      retries: 5
                    stop_grace_period: 1s
                    deploy:
                      replicas: 3
                  api:
                    image: ${IMAGE}:${TAG}
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """);
    }

    @Test
    void aStackMovedFrom1To2RunsTheNewDigestOnEveryReplicaOfEveryHostAndTheRecordHoldsBoth(Sandbox sandbox) throws Exception {
        registry = SandboxRegistry.of(sandbox);
        setUp(sandbox, registry.dockerConfig);
        String one = registry.digest("1");
        String two = registry.digest("2");
        assertThat(one).as("the sandbox pushes two different versions").isNotEqualTo(two);
        for (String host : HOSTS) {
            registry.removeImages(sandbox, sandbox.engine(host)); // every host must pull
        }
        stack("1");
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertRunsEverywhere(one);
        stack("2");

        DeployRecord second;
        try (LogCapture logs = LogCapture.start()) {
            second = fixture.redeploy("sandbox-hosts", ENV);
            assertThat(logs.text()).doesNotContain(registry.password);
        }

        assertThat(second.result()).as(second.error()).isEqualTo(DeployRecord.SUCCEEDED);
        System.out.println("redeploy :1 -> :2 took " + second.durationMillis() + " ms, downtime " + second.downtimeMillis() + " ms, steps "
                + second.steps() + "\n  " + String.join("\n  ", second.describeVersions()));
        assertRunsEverywhere(two);
        assertThat(second.versions()).containsOnlyKeys("web", "api");
        for (ServiceVersion version : second.versions().values()) {
            assertThat(version.image()).isEqualTo(registry.image("2"));
            assertThat(version.digest()).isEqualTo(two);
            assertThat(version.pull()).isEqualTo("always");
            assertThat(version.previousImage()).isEqualTo(registry.image("1"));
            assertThat(version.previousDigest()).isEqualTo(one);
        }
        assertThat(second.downtimeMillis()).as("measured").isNotNull().isPositive().isLessThanOrEqualTo(second.durationMillis());
        DeployRecord stored = fixture.app.deployHistory().recent(1).get(0);
        assertThat(stored).isEqualTo(second);
        assertThat(Files.readString(fixture.app.deployHistory().file())).doesNotContain(registry.password);
    }

    @Test
    void aTagTheRegistryDoesNotKnowIsRefusedByTheResolveWithTheContainersUnchanged(Sandbox sandbox) throws Exception {
        registry = SandboxRegistry.of(sandbox);
        setUp(sandbox, registry.dockerConfig);
        stack("1");
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> running = containerIds();
        stack("99");

        DeployRecord refused = fixture.redeploy("sandbox-hosts", ENV);

        assertThat(refused.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(refused.steps()).extracting(DeployRecord.StepTiming::step).containsExactly("VALIDATE", "RESOLVE");
        assertThat(refused.error()).startsWith("the deploy of " + ENV + " was refused; nothing was changed: 2 images could not be resolved:\n")
                .contains(": services.web (" + registry.image("99") + "): ").contains(": services.api (" + registry.image("99") + "): ")
                .contains(registry.address);
        assertThat(containerIds()).as("nothing was removed").isEqualTo(running);
    }

    @Test
    void aWrongPasswordIsRefusedByTheResolveWithTheContainersUnchangedAndTheSecretNowhere(Sandbox sandbox) throws Exception {
        registry = SandboxRegistry.of(sandbox);
        String wrongSecret = "wrong-" + Integer.toHexString(registry.password.hashCode());
        setUp(sandbox, registry.dockerConfigWith(dir.resolve("wrong-login"), wrongSecret));
        for (String host : HOSTS) {
            registry.pull(sandbox, sandbox.engine(host), registry.image("1"));
        }
        stack("1");
        fixture.stack(ENV, Files.readString(fixture.stacks.resolve(ENV).resolve("compose.yaml"))
                .replace("    stop_grace_period: 1s\n", "    stop_grace_period: 1s\n    pull_policy: never\n"));
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> running = containerIds();
        stack("2");

        try (LogCapture logs = LogCapture.start()) {
            DeployRecord refused = fixture.redeploy("sandbox-hosts", ENV);

            assertThat(refused.result()).isEqualTo(DeployRecord.REFUSED);
            assertThat(refused.steps()).extracting(DeployRecord.StepTiming::step).containsExactly("VALIDATE", "RESOLVE");
            assertThat(refused.error()).contains(": services.web (" + registry.image("2") + "): ").contains(registry.address);
            assertThat(containerIds()).as("nothing was removed").isEqualTo(running);
            assertThat(logs.length()).isPositive();
            assertThat(logs.text() + refused.error() + Files.readString(fixture.app.deployHistory().file()))
                    .doesNotContain(wrongSecret).doesNotContain(registry.password);
        }
    }

    @Test
    void aStoppedRegistryIsRefusedByTheResolveWithTheContainersUnchanged(Sandbox sandbox) throws Exception {
        registry = SandboxRegistry.of(sandbox);
        setUp(sandbox, registry.dockerConfig);
        stack("1");
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> running = containerIds();
        stack("2");

        DeployRecord refused;
        sandbox.stopRegistry();
        try {
            refused = fixture.redeploy("sandbox-hosts", ENV);
        } finally {
            sandbox.startRegistry();
        }

        assertThat(refused.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(refused.steps()).extracting(DeployRecord.StepTiming::step).containsExactly("VALIDATE", "RESOLVE");
        assertThat(refused.error()).contains(": services.web (" + registry.image("2") + "): ").contains(registry.address);
        assertThat(containerIds()).as("nothing was removed").isEqualTo(running);
    }

    /** Every container of the environment on every host: created from name@digest and running that image. */
    private void assertRunsEverywhere(String digest) {
        String pinned = registry.repository + "@" + digest;
        int replicas = 0;
        for (String host : HOSTS) {
            Sandbox.Engine engine = sandbox.engine(host);
            String imageId = sandbox.docker(engine, "image", "inspect", "--format", "{{.Id}}", pinned);
            for (String id : fixture.containerIds(host, ENV)) {
                List<String> facts = List.of(sandbox.docker(engine, "inspect", "--format", "{{.Config.Image}} {{.Image}} {{.State.Running}}", id)
                        .split(" "));
                assertThat(facts).as("container " + id + " on " + host).containsExactly(pinned, imageId, "true");
                replicas++;
            }
        }
        assertThat(replicas).as("3 web and 1 api").isEqualTo(4);
    }

    private Set<String> containerIds() {
        Set<String> ids = new HashSet<>();
        HOSTS.forEach(host -> ids.addAll(fixture.containerIds(host, ENV)));
        return ids;
    }
}
