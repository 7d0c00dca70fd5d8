package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.envboard.deploy.updates.EnvironmentUpdates;
import dev.envboard.deploy.updates.ServiceUpdate;
import dev.envboard.deploy.updates.UpdateState;
import dev.envboard.pool.Host;
import dev.envboard.testing.TestHosts;
import dev.envboard.ui.deploys.DeployBadge;
import dev.envboard.ui.shell.PoolItem;
import dev.envboard.ui.shell.TestPools;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The board's background update check with a scheduler and checker of the test's own: when it
 * runs, that runs never pile up, what the column headers say, and that it stops.
 */
class BoardUpdatesTest {
    private static final String OLD = "sha256:" + "a".repeat(64);
    private static final String NEW = "sha256:" + "b".repeat(64);
    private static final String IMAGE = "registry.test:5443/demo:latest";
    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final Host bravo = TestHosts.node("bravo").in("demo").build();
    private final Host delta = TestHosts.node("delta").in("qa").build();
    private final Host alpha = TestHosts.node("alpha").build();

    private static EnvironmentUpdates env(String environment, long requests, ServiceUpdate... services) {
        return new EnvironmentUpdates("lab", environment, List.of(services), null, requests, Instant.parse("2026-02-01T10:00:00Z"));
    }

    private static ServiceUpdate newer(String service) {
        return new ServiceUpdate(service, IMAGE, UpdateState.UPDATE_AVAILABLE, Map.of("bravo", OLD), NEW, null, false);
    }

    private static ServiceUpdate current(String service) {
        return new ServiceUpdate(service, IMAGE, UpdateState.UP_TO_DATE, Map.of("delta", NEW), NEW, null, false);
    }

    private static ColumnUpdates updates(BoardFixture f, String environment) {
        return f.board.columns().stream().filter(c -> c.title().equals(environment)).findFirst().orElseThrow().updates();
    }

    @Test
    void theFirstRunWaitsForThePoolToAnswerAndEachNextIsScheduledOnlyOnceThePreviousEnded() {
        PoolItem unanswered = new PoolItem(TestPools.lab());
        BoardFixture f = new BoardFixture(unanswered);
        assertThat(f.scheduler.scheduled).as("nothing to ask before the pool answered").isEmpty();

        TestPools.publish(unanswered, List.of(alpha, bravo, delta));
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(FIRST);
        TestPools.publish(unanswered, List.of(alpha, bravo, delta));
        assertThat(f.scheduler.pending()).as("a new snapshot does not start a second chain").hasSize(1);

        f.updateRound = environments -> {
            assertThat(f.scheduler.pending()).as("the next run is scheduled after this one ends, not beside it").isEmpty();
            return List.of(env("demo", 2, newer("web")), env("qa", 0, current("web")));
        };
        assertThat(f.scheduler.runNext()).isEqualTo(FIRST);

        assertThat(f.checked).containsExactly(List.of("demo", "qa"));
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(INTERVAL);
        assertThat(f.scheduler.runNext()).isEqualTo(INTERVAL);
        assertThat(f.checked).hasSize(2);
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(INTERVAL);
    }

    @Test
    void theHeaderSaysUpdateAvailableWithTheServicesOldToNewAndWhatTheChecksCostInRequests() {
        BoardFixture f = new BoardFixture(alpha, bravo, delta);
        f.updateRound = environments -> List.of(env("demo", 2, newer("web"), current("api")), env("qa", 0, current("web")));
        f.scheduler.runNext();

        ColumnUpdates demo = updates(f, "demo");
        assertThat(demo.state()).isEqualTo(ColumnUpdates.State.AVAILABLE);
        assertThat(demo.text()).isEqualTo("update available");
        assertThat(demo.detail()).startsWith("update available:\n  web " + IMAGE + " sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…\n")
                .doesNotContain("api").contains("every 5 min · 2 registry requests in the last check, 2 since the board opened");
        ColumnUpdates qa = updates(f, "qa");
        assertThat(qa.state()).as("no badge, but the stats' tooltip says it was checked").isEqualTo(ColumnUpdates.State.UP_TO_DATE);
        assertThat(qa.detail()).startsWith("images up to date: web\n");
        assertThat(updates(f, "Unassigned")).isNull();

        f.updateRound = environments -> List.of(env("demo", 1, current("web")), env("qa", 0, current("web")));
        f.scheduler.runNext();
        assertThat(updates(f, "demo").state()).isEqualTo(ColumnUpdates.State.UP_TO_DATE);
        assertThat(updates(f, "demo").detail()).contains("1 registry requests in the last check, 3 since the board opened");
    }

    @Test
    void aRegistryThatCouldNotBeAskedOrACheckThatThrewSaysUpdateCheckFailedAndTheNextRunStillComes() {
        BoardFixture f = new BoardFixture(alpha, bravo, delta);
        ServiceUpdate unreachable = new ServiceUpdate("web", IMAGE, UpdateState.UNKNOWN, Map.of("bravo", OLD), null,
                IMAGE + ": registry unreachable: connection refused", true);
        ServiceUpdate notRunning = new ServiceUpdate("web", IMAGE, UpdateState.UNKNOWN, Map.of(), null, "not running", false);
        f.updateRound = environments -> List.of(env("demo", 1, unreachable), env("qa", 0, notRunning));
        f.scheduler.runNext();

        assertThat(updates(f, "demo").state()).isEqualTo(ColumnUpdates.State.FAILED);
        assertThat(updates(f, "demo").text()).isEqualTo("update check failed");
        assertThat(updates(f, "demo").detail()).startsWith("update check failed: web: " + IMAGE + ": registry unreachable: connection refused\n");
        assertThat(updates(f, "qa")).as("nothing runs to compare: no failure to report").isNull();

        f.updateRound = environments -> {
            throw new IllegalStateException("the checker broke");
        };
        assertThatCode(f.scheduler::runNext).doesNotThrowAnyException();
        assertThat(updates(f, "qa").state()).isEqualTo(ColumnUpdates.State.FAILED);
        assertThat(updates(f, "qa").detail()).startsWith("update check failed: the checker broke");
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(INTERVAL);
    }

    @Test
    void anotherPoolOrClosingStopsTheChecksAndDropsWhatARunStillBringsBack() {
        BoardFixture f = new BoardFixture(alpha, bravo, delta);
        f.updateRound = environments -> {
            f.selected.set(null); // the user picks another pool while this run asks the registry
            return List.of(env("demo", 2, newer("web")));
        };
        f.scheduler.runNext();
        assertThat(f.updates.resultsProperty().get()).isNull();
        assertThat(f.scheduler.pending()).as("the chain of the pool left ends").isEmpty();

        f.selected.set(f.pool);
        assertThat(f.scheduler.pending()).hasSize(1);
        f.updates.close();
        assertThat(f.scheduler.pending()).as("closing cancels the pending run").isEmpty();
        f.scheduler.scheduled.get(f.scheduler.scheduled.size() - 1).task().run(); // a run the worker had already started
        assertThat(f.checked).as("a stopped chain asks nothing").hasSize(1);
        assertThat(f.scheduler.pending()).isEmpty();
    }

    @Test
    void aRedeployThatEndsBringsTheNextCheckForwardWithoutASecondChain() {
        BoardFixture f = new BoardFixture(alpha, bravo, delta);
        f.scheduler.runNext();
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(INTERVAL);

        f.deploys.set("demo", new DeployBadge(DeployBadge.State.RUNNING, Instant.EPOCH, null));
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(INTERVAL);
        f.deploys.set("demo", new DeployBadge(DeployBadge.State.SUCCEEDED, Instant.EPOCH, null));
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(FIRST);

        f.updateRound = environments -> { // a redeploy ends while a run is under way: the next one comes soon, once
            f.deploys.set("qa", new DeployBadge(DeployBadge.State.RUNNING, Instant.EPOCH, null));
            f.deploys.set("qa", new DeployBadge(DeployBadge.State.FAILED, Instant.EPOCH, null));
            return List.of();
        };
        f.scheduler.runNext();
        assertThat(f.scheduler.pending()).extracting(FakeScheduler.Scheduled::delay).containsExactly(FIRST);
    }
}
