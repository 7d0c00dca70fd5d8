package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback ({@code redeploy --from}) on a standalone environment shipped from the sandbox's
 * registry: the recorded digests run again on every replica of every host (docker inspect), and a
 * recorded digest the registry does not have is refused at the pull with nothing removed.
 */
@ExtendWith(SandboxExtension.class)
class RollbackRedeployTest {
    private static final String ENV = "rollbackenv";
    private static final String POOL = "sandbox-hosts";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private SandboxRegistry registry;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;

    private void setUp(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        registry = SandboxRegistry.of(sandbox);
        fixture = new DeployFixture(sandbox, dir, UnaryOperator.identity(), Map.of("DOCKER_CONFIG", registry.dockerConfig.toString()));
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

    private void stack(String tag) throws Exception {
        fixture.env(ENV, "IMAGE=" + registry.repository + "\nTAG=" + tag + "\n");
        fixture.stack(ENV, """
                services:
                  web:
                    image: ${IMAGE}:${TAG}
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 3
                  api:
                    image: ${IMAGE}:${TAG}
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """);
    }

    private DeployRecord rollback(String deployId) {
        return fixture.app.redeployService().redeployFrom(fixture.pool(POOL), ENV, deployId, List.of(), DeployListener.NONE,
                new CancelToken());
    }

    @Test
    void aRollbackToTheFirstRecordRunsItsDigestOnEveryReplicaOfEveryHostAgain(Sandbox sandbox) throws Exception {
        setUp(sandbox);
        String one = registry.digest("1");
        String two = registry.digest("2");
        assertThat(one).as("the sandbox pushes two different versions").isNotEqualTo(two);
        stack("1");
        DeployRecord first = fixture.redeploy(POOL, ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        stack("2");
        DeployRecord second = fixture.redeploy(POOL, ENV);
        assertThat(second.result()).as(second.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertRunsEverywhere(two);
        for (String host : HOSTS) {
            registry.removeImages(sandbox, sandbox.engine(host), two); // :1 must be pulled again; :2 runs and keeps its digest
        }

        DeployRecord back = rollback(first.id());

        assertThat(back.result()).as(back.error()).isEqualTo(DeployRecord.SUCCEEDED);
        System.out.println("rollback to " + first.id() + " took " + back.durationMillis() + " ms, downtime " + back.downtimeMillis()
                + " ms\n  " + String.join("\n  ", back.describeVersions()));
        assertRunsEverywhere(one);
        assertThat(back.rollbackFrom()).isEqualTo(first.id());
        assertThat(back.steps()).extracting(DeployRecord.StepTiming::step).startsWith("VALIDATE", "RESOLVE", "PULL", "REMOVE");
        assertThat(back.versions()).containsOnlyKeys("web", "api");
        for (ServiceVersion version : back.versions().values()) {
            assertThat(version.image()).isEqualTo(registry.image("1"));
            assertThat(version.digest()).isEqualTo(one);
            assertThat(version.previousDigest()).isEqualTo(two);
        }
        DeployRecord stored = fixture.app.deployHistory().recent(1).get(0);
        assertThat(stored).isEqualTo(back);
    }

    @Test
    void aRecordedDigestTheRegistryNoLongerHasIsRefusedAtThePullWithNothingRemoved(Sandbox sandbox) throws Exception {
        setUp(sandbox);
        stack("1");
        DeployRecord first = fixture.redeploy(POOL, ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> running = containerIds();
        String gone = "sha256:" + "0".repeat(64);
        Map<String, ServiceVersion> versions = new LinkedHashMap<>();
        first.versions().forEach((service, v) -> versions.put(service, new ServiceVersion(v.image(), gone, "always", null, null)));
        DeployRecord forged = new DeployRecord("gone0001", first.pool(), ENV, "test", first.startedAt(), first.finishedAt(),
                first.stackFile(), first.stackSha256(), first.images(), List.of(), Map.of(), DeployRecord.SUCCEEDED, null,
                List.of(), versions, null);
        assertThat(fixture.app.deployHistory().append(forged)).isTrue();

        DeployRecord refused = rollback("gone0001");

        assertThat(refused.result()).as(refused.error()).isEqualTo(DeployRecord.REFUSED);
        assertThat(refused.rollbackFrom()).isEqualTo("gone0001");
        assertThat(refused.steps()).extracting(DeployRecord.StepTiming::step).containsExactly("VALIDATE", "RESOLVE", "PULL");
        assertThat(refused.error()).startsWith("the deploy of " + ENV + " was refused; nothing was changed: ")
                .contains(registry.repository + "@" + gone);
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
