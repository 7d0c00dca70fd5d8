package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Redeploys of a Swarm environment, checked with the docker CLI on the real manager. */
@ExtendWith(SandboxExtension.class)
class SwarmRedeployTest {
    private static final String ENV = "testenv";
    private DeployFixture fixture;
    private Sandbox sandbox;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        fixture = new DeployFixture(sandbox, dir);
        label("envboard-swarm-2", ENV);
        label("envboard-swarm-3", ENV);
        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:1"));
    }

    @AfterEach
    void tearDown() {
        fixture.removeStack(ENV);
        label("envboard-swarm-2", "demo");
        sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", "envboard-swarm-3");
        fixture.close();
    }

    @Test
    void threeServicesLandWhereTheyShouldAndShowAsAStack() {
        DeployRecord record = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);

        List<String> web = fixture.swarmTasks(ENV + "_web");
        assertThat(web).hasSize(2).allSatisfy(t -> assertThat(t).contains("Running"));
        assertThat(web.stream().map(t -> t.split(" ")[0]).distinct()).as("max_replicas_per_node 1")
                .containsExactlyInAnyOrder("envboard-swarm-2", "envboard-swarm-3");
        assertThat(fixture.swarmTasks(ENV + "_api")).hasSize(1);
        assertThat(fixture.swarmTasks(ENV + "_worker")).hasSize(3)
                .allSatisfy(t -> assertThat(t).doesNotStartWith("envboard-swarm-1 "));
        assertThat(sandbox.docker(sandbox.manager(), "stack", "ls", "--format", "{{.Name}} {{.Services}}")).contains(ENV + " 3");
        assertThat(record.steps()).extracting(DeployRecord.StepTiming::step)
                .containsExactly("VALIDATE", "RESOLVE", "PULL", "REMOVE", "WAIT_GONE", "CREATE", "WAIT_READY");
        assertThat(record.services()).containsOnlyKeys("web", "api", "worker");
        assertThat(record.stackSha256()).hasSize(64);
    }

    @Test
    void aRedeployReplacesEveryTaskAndLeavesNothingBehindTenTimesInARow() {
        DeployRecord first = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> before = containerIds();
        for (int i = 1; i <= 10; i++) {
            DeployRecord record = fixture.redeploy("sandbox-swarm", ENV);
            assertThat(record.result()).as("run " + i + ": " + record.error()).isEqualTo(DeployRecord.SUCCEEDED);
            Set<String> now = containerIds();
            assertThat(now).as("run " + i + ": 6 running tasks, all new").hasSize(6).doesNotContainAnyElementsOf(before);
            assertThat(stackTasksNotFinished()).as("run " + i + ": no leftovers").isEqualTo(6);
            before = now;
        }
    }

    @Test
    void anInvalidStackIsRefusedAndTheRunningEnvironmentIsLeftAsItWas() throws Exception {
        DeployRecord good = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(good.result()).as(good.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> running = containerIds();

        fixture.stack(ENV, "services:\n  web:\n    image: [unclosed\n");
        assertRefused("compose.yaml:4: not valid YAML", running);

        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:99"));
        assertRefused("envboard/demo:99", running);

        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:1").replace("replicas: 2", "replicas: 3"));
        assertRefused("need 3 hosts", running);

        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:${TAG:?set TAG in .env}"));
        assertRefused("set TAG in .env", running);
    }

    @Test
    void stoppingANodesEngineMidDeployFailsNamingThatNodeAndTheNextRedeployLeavesNothingOfIt() {
        DeployRecord first = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> old = containerIds();
        AtomicBoolean stopped = new AtomicBoolean();
        DeployListener stopEngineWhenCreating = new StepListener(DeployStep.CREATE, () -> {
            stopped.set(true);
            sandbox.stopEngine("envboard-swarm-3");
        });
        try {
            DeployRecord record = assertTimeoutPreemptively(Duration.ofMinutes(4),
                    () -> fixture.app.redeployService().redeploy(fixture.pool("sandbox-swarm"), ENV, stopEngineWhenCreating,
                            new CancelToken()));
            assertThat(stopped).isTrue();
            assertThat(record.result()).isEqualTo(DeployRecord.FAILED);
            assertThat(record.error()).contains("envboard-swarm-3").contains("redeploy to bring it back");
        } finally {
            sandbox.startEngine("envboard-swarm-3");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.docker(sandbox.manager(), "node", "inspect", "--format",
                "{{.Status.State}}", "envboard-swarm-3").equals("ready"));

        DeployRecord again = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(again.result()).as(again.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(containerIds()).as("6 running tasks, none of the run before").hasSize(6).doesNotContainAnyElementsOf(old);
        assertThat(stackTasksNotFinished()).as("nothing of the failed run still running").isEqualTo(6);
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + ENV)
                .lines()).as("the stack's services, once each").hasSize(3);
        assertThat(sandbox.docker(sandbox.manager(), "network", "ls", "--format", "{{.Name}}", "--filter",
                "label=com.docker.stack.namespace=" + ENV).lines()).as("the stack's one network, no leftover").hasSize(1);
    }

    /**
     * A service that ignores SIGTERM takes its whole 10 s grace period to stop. The events of every
     * node's engine show each old container destroyed before the first new container was created.
     */
    @Test
    void oldContainersAreDestroyedBeforeAnyNewOneIsCreatedEvenWhenTheyIgnoreSigterm() throws Exception {
        fixture.stack(ENV, """
                services:
                  stubborn:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap '' TERM; while :; do sleep 1; done"]
                    stop_grace_period: 10s
                    deploy:
                      replicas: 2
                      placement:
                        max_replicas_per_node: 1
                """);
        DeployRecord first = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> old = runningContainerIds(ENV + "_stubborn");
        assertThat(old).hasSize(2);

        java.time.Instant since = java.time.Instant.now().minusSeconds(1);
        DeployRecord record = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> fresh = runningContainerIds(ENV + "_stubborn");
        java.time.Instant until = java.time.Instant.now().plusSeconds(1);

        List<EngineEvents.Event> events = new java.util.ArrayList<>();
        for (Sandbox.Engine node : sandbox.swarmNodes()) {
            events.addAll(EngineEvents.read(sandbox, node, since, until));
        }
        WaitUntilGone.assertOldGoneBeforeNewCreated(events, old, fresh);
    }

    @Test
    void losingANodeWhileWaitingForReplicasFailsNamingItAndWhatWasLeft() throws Exception {
        // Healthy only after 30 s: the replicas cannot all be ready before the lost node is noticed.
        fixture.stack(ENV, """
                services:
                  slow:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "sleep 30; touch /tmp/ready; trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                    healthcheck:
                      test: ["CMD", "test", "-f", "/tmp/ready"]
                      interval: 1s
                      timeout: 1s
                      retries: 3
                      start_period: 60s
                    deploy:
                      replicas: 2
                      placement:
                        max_replicas_per_node: 1
                """);
        DeployListener stopNodeWhenWaiting = new StepListener(DeployStep.WAIT_READY, () -> sandbox.stopEngine("envboard-swarm-3"));
        try {
            DeployRecord record = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(3),
                    () -> fixture.redeploy("sandbox-swarm", ENV, stopNodeWhenWaiting));
            assertThat(record.result()).isEqualTo(DeployRecord.FAILED);
            assertThat(record.steps()).extracting(DeployRecord.StepTiming::step).last().isEqualTo("WAIT_READY");
            assertThat(record.error()).contains("envboard-swarm-3").contains(ENV + " is partly deployed: slow 0/2")
                    .contains("redeploy to bring it back");
        } finally {
            sandbox.startEngine("envboard-swarm-3");
        }
    }

    /**
     * Running containers of a service on each node's own engine, by full ID (what is still being
     * removed from an earlier test's stack is not of this service).
     */
    private Set<String> runningContainerIds(String service) {
        Set<String> ids = new HashSet<>();
        for (Sandbox.Engine node : sandbox.swarmNodes()) {
            String out = sandbox.docker(node, "ps", "-q", "--no-trunc", "--filter", "label=com.docker.swarm.service.name=" + service);
            ids.addAll(out.isBlank() ? List.of() : out.lines().toList());
        }
        return ids;
    }

    private void assertRefused(String reason, Set<String> running) {
        DeployRecord record = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(record.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(record.error()).contains(reason).contains("nothing was changed");
        assertThat(containerIds()).as("the running environment is untouched").isEqualTo(running);
    }

    /** Task ids of running tasks of the stack: a new deployment has all new ones. */
    private Set<String> containerIds() {
        String out = sandbox.docker(sandbox.manager(), "stack", "ps", ENV, "--filter", "desired-state=running", "-q");
        return new HashSet<>(Arrays.asList(out.split("\\s+")));
    }

    private long stackTasksNotFinished() {
        String out = sandbox.docker(sandbox.manager(), "stack", "ps", ENV, "--format", "{{.CurrentState}}");
        return out.lines().filter(s -> !s.startsWith("Shutdown") && !s.startsWith("Complete") && !s.startsWith("Failed")
                && !s.startsWith("Rejected") && !s.startsWith("Remove") && !s.startsWith("Orphaned")).count();
    }

    private void label(String node, String environment) {
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + environment, node);
    }
}
