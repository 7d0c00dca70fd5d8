package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Redeploys of a standalone environment, checked with docker ps on each real engine. */
@ExtendWith(SandboxExtension.class)
class StandaloneRedeployTest {
    private static final String ENV = "testenv";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");
    private DeployFixture fixture;
    private DaemonJsonGuard guard;
    private Sandbox sandbox;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        fixture = new DeployFixture(sandbox, dir);
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        for (String host : HOSTS) {
            guard.setEnvironment(host, ENV);
        }
        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:1"));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            sandbox.startEngine("envboard-host-2"); // no-op unless a test stopped it
            fixture.removeContainers(ENV);
            guard.restore();
        } finally {
            fixture.close();
        }
    }

    @Test
    void threeServicesAreSpreadOverTheHostsAndRun() {
        DeployRecord record = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);

        List<String> one = fixture.containers("envboard-host-1", ENV);
        List<String> two = fixture.containers("envboard-host-2", ENV);
        assertThat(names(one)).as("one web per host").contains(ENV + "_web_1").doesNotContain(ENV + "_web_2");
        assertThat(names(two)).contains(ENV + "_web_2");
        assertThat(one.size() + two.size()).isEqualTo(6);
        assertThat(names(one).stream().filter(n -> n.contains("_worker_")).count()
                + names(two).stream().filter(n -> n.contains("_worker_")).count()).isEqualTo(3);
        assertThat(Math.abs(one.size() - two.size())).as("spread evenly").isLessThanOrEqualTo(1);
        for (String line : one) {
            assertThat(line).endsWith(" running");
        }
        String health = sandbox.docker(sandbox.engine("envboard-host-1"), "inspect", "--format", "{{.State.Health.Status}}", ENV + "_web_1");
        assertThat(health).isEqualTo("healthy");
    }

    @Test
    void aRedeployReplacesEveryContainerAndLeavesNothingBehindTenTimesInARow() {
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> before = ids();
        for (int i = 1; i <= 10; i++) {
            DeployRecord record = fixture.redeploy("sandbox-hosts", ENV);
            assertThat(record.result()).as("run " + i + ": " + record.error()).isEqualTo(DeployRecord.SUCCEEDED);
            Set<String> now = ids();
            assertThat(now).as("run " + i + ": six containers, all new, no leftovers").hasSize(6).doesNotContainAnyElementsOf(before);
            before = now;
        }
    }

    @Test
    void anInvalidStackIsRefusedAndTheRunningEnvironmentIsLeftAsItWas() throws Exception {
        DeployRecord good = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(good.result()).as(good.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> running = ids();

        fixture.stack(ENV, "services:\n  web:\n    image: [unclosed\n");
        assertRefused("compose.yaml:4: not valid YAML", running);
        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:99"));
        assertRefused("envboard/demo:99 (web) is missing on envboard-host-1, envboard-host-2", running);
        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:1").replace("replicas: 2", "replicas: 3"));
        assertRefused("need 3 hosts", running);
        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:${TAG:?set TAG in .env}"));
        assertRefused("set TAG in .env", running);
    }

    @Test
    void stoppingAHostsEngineMidDeployFailsNamingThatHostAndLeavesNothingTheNextRedeployKeeps() {
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> old = ids();
        AtomicBoolean stopped = new AtomicBoolean();
        DeployListener stopEngineWhenCreating = new StepListener(DeployStep.CREATE, () -> {
            stopped.set(true);
            sandbox.stopEngine("envboard-host-2");
        });
        DeployRecord record = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> fixture.app.redeployService()
                .redeploy(fixture.pool("sandbox-hosts"), ENV, stopEngineWhenCreating, new CancelToken()));
        assertThat(stopped).isTrue();
        assertThat(record.result()).isEqualTo(DeployRecord.FAILED);
        assertThat(record.error()).contains("envboard-host-2").contains("redeploy to bring it back");

        sandbox.startEngine("envboard-host-2");
        Set<String> leftByTheFailure = ids();
        assertThat(leftByTheFailure).as("the old deployment was removed before anything was created").doesNotContainAnyElementsOf(old);
        DeployRecord again = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(again.result()).as(again.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(ids()).as("six new containers, nothing of the failed run or the one before")
                .hasSize(6).noneMatch(leftByTheFailure::contains).noneMatch(old::contains);
        assertNoUnusedNetworks();
    }

    @Test
    void cancellingMidDeploySaysWhatStateItLeftAndTheNextRedeployLeavesNothingOfIt() {
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> old = ids();
        CancelToken cancel = new CancelToken();
        DeployListener cancelOnceWebIsCreated = new DeployListener() {
            @Override
            public void message(String text) {
                if (text.startsWith("created web:")) { // "created web: 2 containers (…)"
                    cancel.cancel();
                }
            }
        };
        DeployRecord record = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> fixture.app.redeployService()
                .redeploy(fixture.pool("sandbox-hosts"), ENV, cancelOnceWebIsCreated, cancel));
        assertThat(record.result()).isEqualTo(DeployRecord.CANCELLED);
        assertThat(record.error()).contains("cancelled by the user").contains("partly deployed").contains("redeploy to bring it back");
        assertThat(fixture.app.deployHistory().recent(1).get(0).id()).isEqualTo(record.id());
        Set<String> leftByTheCancel = ids();
        assertThat(leftByTheCancel).as("the old deployment is gone: only what the cancelled run created is left")
                .doesNotContainAnyElementsOf(old);
        assertThat(HOSTS.stream().flatMap(host -> names(fixture.containers(host, ENV)).stream()))
                .containsExactlyInAnyOrder(ENV + "_web_1", ENV + "_web_2");

        DeployRecord again = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(again.result()).as(again.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(ids()).as("six new containers, nothing of the cancelled run")
                .hasSize(6).noneMatch(leftByTheCancel::contains).noneMatch(old::contains);
        assertNoUnusedNetworks();
    }

    /** Every network of the environment on each engine is one its containers use: none left over. */
    private void assertNoUnusedNetworks() {
        for (String host : HOSTS) {
            Sandbox.Engine engine = sandbox.engine(host);
            String ids = sandbox.docker(engine, "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + ENV);
            assertThat(ids.lines().toList()).as("networks of %s on %s", ENV, host).isNotEmpty().allSatisfy(id ->
                    assertThat(sandbox.docker(engine, "network", "inspect", "--format", "{{.Name}} {{len .Containers}}", id))
                            .as("network %s on %s", id, host).doesNotEndWith(" 0"));
        }
    }

    @Test
    void aHostThatDoesNotAnswerRefusesTheDeployNamingItAndTheOtherHostIsUntouched() {
        DeployRecord good = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(good.result()).as(good.error()).isEqualTo(DeployRecord.SUCCEEDED);
        List<String> onOne = fixture.containers("envboard-host-1", ENV);
        sandbox.stopEngine("envboard-host-2");

        DeployRecord record = fixture.redeploy("sandbox-hosts", ENV);

        assertThat(record.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(record.error()).contains("envboard-host-2").contains("did not answer").contains("nothing was changed");
        assertThat(fixture.containers("envboard-host-1", ENV)).as("host-1: the same containers, still running").isEqualTo(onOne)
                .allSatisfy(line -> assertThat(line).endsWith(" running"));
        assertThat(fixture.app.deployHistory().recent(1).get(0).id()).isEqualTo(record.id());
    }

    @Test
    void aRedeployRefusedByTheEnvironmentLockIsRecordedAsRefused() throws Exception {
        fixture.stack(ENV, TestStacks.threeServices("envboard/demo:99")); // the outer run is refused too: nothing is touched
        List<DeployRecord> inner = new java.util.ArrayList<>();
        DeployListener secondRedeployMeanwhile = new StepListener(DeployStep.VALIDATE,
                () -> inner.add(fixture.redeploy("sandbox-hosts", ENV)));

        DeployRecord outer = fixture.redeploy("sandbox-hosts", ENV, secondRedeployMeanwhile);

        assertThat(inner).singleElement().satisfies(refused -> {
            assertThat(refused.result()).isEqualTo(DeployRecord.REFUSED);
            assertThat(refused.error()).contains(ENV + " is already being redeployed");
            assertThat(refused.steps()).isEmpty();
        });
        assertThat(fixture.app.deployHistory().recent(2)).extracting(DeployRecord::id)
                .as("both runs are on record, the one the lock refused first").containsExactly(outer.id(), inner.get(0).id());
        assertThat(fixture.app.deployHistory().recent(2).get(1).result()).isEqualTo(DeployRecord.REFUSED);
    }

    @Test
    void losingAHostWhileWaitingForReplicasFailsNamingItAndWhatWasLeft() {
        DeployListener stopEngineWhenWaiting = new StepListener(DeployStep.WAIT_READY, () -> sandbox.stopEngine("envboard-host-2"));

        DeployRecord record = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> fixture.redeploy("sandbox-hosts", ENV, stopEngineWhenWaiting));

        assertThat(record.result()).isEqualTo(DeployRecord.FAILED);
        assertThat(record.steps()).extracting(DeployRecord.StepTiming::step).last().isEqualTo("WAIT_READY");
        assertThat(record.error()).contains("envboard-host-2").contains(ENV + " is partly deployed: ")
                .containsPattern("web \\d/2").containsPattern("api \\d/1").containsPattern("worker( \\d/3| created, not seen running)")
                .contains("redeploy to bring it back");
        assertThat(fixture.containers("envboard-host-1", ENV)).as("what host-1 runs is left running").isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith(" running"));
    }

    /**
     * A service that ignores SIGTERM takes its whole 10 s grace period to stop. Every engine's
     * events show each old container destroyed before the first new container was created.
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
        DeployRecord first = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(first.result()).as(first.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> old = fullIds();
        assertThat(old).hasSize(2);

        java.time.Instant since = java.time.Instant.now().minusSeconds(1);
        DeployRecord record = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        Set<String> fresh = fullIds();
        java.time.Instant until = java.time.Instant.now().plusSeconds(1);

        List<EngineEvents.Event> events = new java.util.ArrayList<>();
        for (String host : HOSTS) {
            events.addAll(EngineEvents.read(sandbox, sandbox.engine(host), since, until));
        }
        WaitUntilGone.assertOldGoneBeforeNewCreated(events, old, fresh);
    }

    private void assertRefused(String reason, Set<String> running) {
        DeployRecord record = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(record.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(record.error()).contains(reason).contains("nothing was changed");
        assertThat(ids()).as("the running environment is untouched").isEqualTo(running);
    }

    /** Full container IDs, as docker events names them. */
    private Set<String> fullIds() {
        Set<String> ids = new HashSet<>();
        HOSTS.forEach(host -> ids.addAll(fixture.containerIds(host, ENV)));
        return ids;
    }

    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        for (String host : HOSTS) {
            fixture.containers(host, ENV).forEach(line -> ids.add(line.split(" ")[1]));
        }
        return ids;
    }

    private static List<String> names(List<String> lines) {
        return lines.stream().map(l -> l.split(" ")[0]).toList();
    }
}
