package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.LogCapture;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redeploys that pull from the sandbox's private registry (TLS, htpasswd) with the user's docker
 * login: pulled before anything is removed, refused with the environment untouched when a pull
 * fails, and a Swarm node that never had the image runs it pinned to its digest after the pre-pull
 * (and pulls it again with the login sent with the service when a task is rescheduled).
 * Checked with the docker CLI on each engine; the password is looked for in everything logged.
 */
@ExtendWith(SandboxExtension.class)
class RegistryPullRedeployTest {
    private static final String ENV = "pullenv";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private SandboxRegistry registry;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;
    private boolean swarm;

    private void standalone(Sandbox sandbox, Path dockerConfig) throws Exception {
        this.sandbox = sandbox;
        this.registry = SandboxRegistry.of(sandbox);
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
            if (swarm) {
                fixture.removeStack(ENV);
                sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", "envboard-swarm-3");
            } else {
                fixture.removeContainers(ENV);
                guard.restore();
            }
        } finally {
            fixture.close();
        }
    }

    private static String stack(String image, String policy) {
        return """
                services:
                  web:
                    image: %s
                    pull_policy: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 3
                """.formatted(image, policy);
    }

    /** Pull progress as the listener heard it, and the last report of each pull that ran (not the hosts that had the image). */
    private static final class Pulls implements DeployListener {
        final List<PullProgress> reports = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void pull(PullProgress progress) {
            reports.add(progress);
        }

        List<PullProgress> finished() {
            synchronized (reports) {
                return reports.stream().filter(p -> p.finished() && !p.alreadyPresent()).toList();
            }
        }
    }

    @Test
    void missingPullsTheTagOnlyOnTheHostThatLacksItAndEveryReplicaRunsTheRegistrysDigest(Sandbox sandbox) throws Exception {
        standalone(sandbox, SandboxRegistry.of(sandbox).dockerConfig);
        String image = registry.image("1");
        String digest = registry.digest("1");
        registry.removeImages(sandbox, sandbox.engine("envboard-host-2"));
        registry.pull(sandbox, sandbox.engine("envboard-host-1"), image);
        assertThat(SandboxRegistry.repoDigests(sandbox, sandbox.engine("envboard-host-2"), image)).as("host-2 lacks it").isEmpty();
        fixture.stack(ENV, stack(image, "missing"));
        Pulls pulls = new Pulls();

        DeployRecord record = fixture.app.redeployService().redeploy(fixture.pool("sandbox-hosts"), ENV, null, List.of(), pulls,
                new CancelToken());

        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(record.steps()).extracting(DeployRecord.StepTiming::step)
                .containsExactly("VALIDATE", "RESOLVE", "PULL", "REMOVE", "WAIT_GONE", "CREATE", "WAIT_READY");
        assertThat(pulls.finished()).singleElement().satisfies(last -> {
            assertThat(last.host()).isEqualTo("envboard-host-2");
            assertThat(last.image()).isEqualTo(image);
            assertThat(last.error()).isNull();
            assertThat(last.layersTotal()).isPositive();
            assertThat(last.layersDone()).isEqualTo(last.layersTotal());
        });
        for (String host : HOSTS) {
            assertThat(SandboxRegistry.repoDigests(sandbox, sandbox.engine(host), image)).as(host)
                    .contains(registry.repository + "@" + digest);
            assertThat(runningImageIds(host)).as("every replica on " + host + " runs the pulled image")
                    .isNotEmpty().containsOnly(imageId(host, image));
        }
        assertThat(record.versions().get("web")).satisfies(v -> {
            assertThat(v.image()).isEqualTo(image);
            assertThat(v.pull()).isEqualTo("missing");
            assertThat(v.digest()).isNull(); // missing does not resolve: each host runs the tag as it has it
        });
    }

    /** Deploys :1 with pull policy never (it is on both hosts): what the refusals below must leave running. */
    private Set<String> deployedFromTheRegistryImage() {
        for (String host : HOSTS) {
            registry.pull(sandbox, sandbox.engine(host), registry.image("1"));
        }
        try {
            fixture.stack(ENV, stack(registry.image("1"), "never"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> running = containerIds();
        assertThat(running).hasSize(3);
        return running;
    }

    @Test
    void aTagTheRegistryDoesNotHaveRefusesBeforeAnythingIsRemoved(Sandbox sandbox) throws Exception {
        standalone(sandbox, SandboxRegistry.of(sandbox).dockerConfig);
        Set<String> running = deployedFromTheRegistryImage();
        fixture.stack(ENV, stack(registry.image("99"), "missing"));

        DeployRecord unknown = redeploy(null);

        assertThat(unknown.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(unknown.error()).startsWith("the deploy of " + ENV + " was refused; nothing was changed: 2 pulls failed:\n")
                .contains("envboard-host-1: pull of " + registry.image("99") + " failed: ")
                .contains("envboard-host-2: pull of " + registry.image("99") + " failed: ")
                .contains("manifest unknown");
        assertThat(unknown.steps()).extracting(DeployRecord.StepTiming::step).containsExactly("VALIDATE", "RESOLVE", "PULL");
        assertThat(containerIds()).as("nothing was removed").isEqualTo(running);
    }

    @Test
    void aWrongPasswordRefusesBeforeAnythingIsRemovedAndTheSecretIsNowhere(Sandbox sandbox) throws Exception {
        SandboxRegistry known = SandboxRegistry.of(sandbox);
        String wrongSecret = "wrong-" + Integer.toHexString(known.password.hashCode());
        standalone(sandbox, known.dockerConfigWith(dir.resolve("wrong-login"), wrongSecret));
        Set<String> running = deployedFromTheRegistryImage();
        registry.removeImages(sandbox, sandbox.engine("envboard-host-2")); // :2 must be pulled there
        registry.pull(sandbox, sandbox.engine("envboard-host-1"), registry.image("2"));
        fixture.stack(ENV, stack(registry.image("2"), "missing"));

        try (LogCapture logs = LogCapture.start()) {
            DeployRecord refused = redeploy(null);

            assertThat(refused.result()).isEqualTo(DeployRecord.REFUSED);
            assertThat(refused.error()).startsWith("the deploy of " + ENV + " was refused; nothing was changed: a pull failed:\n")
                    .contains("envboard-host-2: pull of " + registry.image("2") + " failed: ").contains("unauthorized");
            assertThat(containerIds()).as("nothing was removed").isEqualTo(running);
            String recorded = String.join("\n", java.nio.file.Files.readAllLines(fixture.app.deployHistory().file()));
            assertThat(recorded).contains(refused.id());
            assertThat(logs.length()).as("the run logged something to look in").isPositive();
            assertThat(logs.text() + refused.error() + recorded).doesNotContain(wrongSecret).doesNotContain(known.password);
        }
    }

    @Test
    void aSwarmNodeThatNeverHadTheImageRunsItPinnedAfterThePrePull(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        this.swarm = true;
        registry = SandboxRegistry.of(sandbox);
        fixture = new DeployFixture(sandbox, dir, UnaryOperator.identity(), Map.of("DOCKER_CONFIG", registry.dockerConfig.toString()));
        Sandbox.Engine worker = sandbox.engine("envboard-swarm-3");
        registry.removeImages(sandbox, worker);
        String image = registry.image("1");
        String digest = registry.digest("1");
        assertThat(SandboxRegistry.repoDigests(sandbox, worker, image)).as("the worker has never seen it").isEmpty();
        assertThat(anonymousPull(worker, image)).as("the registry refuses a pull without the login").contains("no basic auth credentials");
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, "envboard-swarm-3");
        fixture.stack(ENV, """
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                    deploy:
                      endpoint_mode: dnsrr
                """.formatted(image));
        Pulls pulls = new Pulls();

        DeployRecord record;
        try (LogCapture logs = LogCapture.start()) {
            record = fixture.redeploy("sandbox-swarm", ENV, pulls);
            assertThat(logs.length()).isPositive();
            assertThat(logs.text()).doesNotContain(registry.password);
        }

        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(pulls.finished()).singleElement().satisfies(last -> {
            assertThat(last.host()).isEqualTo("envboard-swarm-3");
            assertThat(last.image()).isEqualTo(registry.repository + "@" + digest);
            assertThat(last.error()).isNull();
        });
        assertThat(sandbox.docker(sandbox.manager(), "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}",
                ENV + "_web")).as("pinned as the docker CLI pins").isEqualTo(image + "@" + digest);
        assertThat(fixture.swarmTasks(ENV + "_web")).singleElement().asString().startsWith("envboard-swarm-3 Running");
        String container = sandbox.docker(worker, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + ENV + "_web");
        assertThat(sandbox.docker(worker, "inspect", "--format", "{{.Image}}", container))
                .isEqualTo(sandbox.docker(worker, "image", "inspect", "--format", "{{.Id}}", registry.repository + "@" + digest));
        assertThat(record.versions().get("web").digest()).isEqualTo(digest);
        assertThat(java.nio.file.Files.readString(fixture.app.deployHistory().file())).doesNotContain(registry.password);

        theWorkerPullsAgainWithTheLoginSentAtCreation(worker, registry.repository + "@" + digest);
    }

    /**
     * The pre-pull aside, the login went with the service (X-Registry-Auth): once the worker has lost
     * the image, a rescheduled task makes it pull again, which the registry refuses without a login.
     * The CLI's scale sends no login of its own (its docker config has none), so the one used is ours.
     */
    private void theWorkerPullsAgainWithTheLoginSentAtCreation(Sandbox.Engine worker, String pinned) {
        String service = ENV + "_web";
        sandbox.docker(sandbox.manager(), "service", "scale", "--detach", service + "=0");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                sandbox.docker(worker, "ps", "-aq", "--filter", "label=com.docker.swarm.service.name=" + service).isBlank());
        registry.removeImages(sandbox, worker);
        assertThat(SandboxRegistry.repoDigests(sandbox, worker, pinned)).as("the worker lost the image").isEmpty();

        sandbox.docker(sandbox.manager(), "service", "scale", "--detach", service + "=1");

        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> fixture.swarmTasks(service).stream().anyMatch(t -> t.startsWith("envboard-swarm-3 Running")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the rescheduled task does not run: " + sandbox.docker(sandbox.manager(), "service", "ps",
                    "--no-trunc", "--format", "{{.Node}} {{.CurrentState}} {{.Error}}", service), e);
        }
        assertThat(SandboxRegistry.repoDigests(sandbox, worker, pinned)).as("pulled again by the worker").contains(pinned);
    }

    private DeployRecord redeploy(PullPolicy pull) {
        return fixture.app.redeployService().redeploy(fixture.pool("sandbox-hosts"), ENV, pull, List.of(), DeployListener.NONE,
                new CancelToken());
    }

    private Set<String> containerIds() {
        Set<String> ids = new java.util.HashSet<>();
        HOSTS.forEach(host -> ids.addAll(fixture.containerIds(host, ENV)));
        return ids;
    }

    /** The image id of each container of the environment on one host. */
    private List<String> runningImageIds(String host) {
        List<String> ids = new ArrayList<>();
        for (String id : fixture.containerIds(host, ENV)) {
            ids.add(sandbox.docker(sandbox.engine(host), "inspect", "--format", "{{.Image}}", id));
        }
        return ids;
    }

    private String imageId(String host, String image) {
        return sandbox.docker(sandbox.engine(host), "image", "inspect", "--format", "{{.Id}}", image);
    }

    /** What the engine says to a pull without any login (an empty docker config). */
    private String anonymousPull(Sandbox.Engine engine, String image) throws Exception {
        Path empty = java.nio.file.Files.createDirectories(dir.resolve("no-login"));
        try {
            sandbox.docker(engine, "--config", empty.toString(), "pull", image);
            return "pulled without a login";
        } catch (AssertionError refused) {
            return refused.getMessage();
        }
    }
}
