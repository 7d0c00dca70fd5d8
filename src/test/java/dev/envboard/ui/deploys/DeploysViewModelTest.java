package dev.envboard.ui.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.Redeployer;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.DeployRecords;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.InPlaceBackground;
import dev.envboard.ui.shell.TestPools;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Deploys view's model on an in-memory history and redeployer, with direct executors. */
class DeploysViewModelTest {
    private static final Executor DIRECT = Runnable::run;
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final PoolSpec lab = TestPools.lab();
    private final FakeHistory history = new FakeHistory();
    private final FakeRedeployer redeployer = new FakeRedeployer();
    private final InPlaceBackground background = InPlaceBackground.queued();
    private int changes;

    /** The history in memory; the redeployer appends to it as the real service does. */
    private static final class FakeHistory implements DeployRecords {
        final List<DeployRecord> records = new ArrayList<>();
        final List<Consumer<DeployRecord>> listeners = new CopyOnWriteArrayList<>();

        void append(DeployRecord record) {
            records.add(0, record);
            listeners.forEach(l -> l.accept(record));
        }

        @Override
        public void addListener(Consumer<DeployRecord> listener) {
            listeners.add(listener);
        }

        @Override
        public List<DeployRecord> recent(int max) {
            return records.subList(0, Math.min(max, records.size()));
        }
    }

    /** Answers each redeploy with the next prepared outcome, reporting a step and a message on the way. */
    private final class FakeRedeployer implements Redeployer {
        final List<String> calls = new ArrayList<>();
        String result = DeployRecord.SUCCEEDED;
        boolean recorded = true;
        RuntimeException crash;

        @Override
        public DeployRecord redeploy(PoolSpec pool, String environment, DeployListener listener, CancelToken cancel) {
            calls.add(pool.name() + "/" + environment);
            if (crash != null) {
                throw crash;
            }
            listener.stepStarted(DeployStep.VALIDATE);
            listener.stepFinished(DeployStep.VALIDATE, Duration.ofMillis(12), true);
            listener.message("validated " + environment);
            DeployRecord record = record(environment, result, T0.plusSeconds(60), result.equals(DeployRecord.SUCCEEDED) ? null : "lock held by ann");
            if (recorded) {
                history.append(record);
            }
            return record;
        }
    }

    private static DeployRecord record(String environment, String result, Instant finished, String error) {
        List<DeployRecord.StepTiming> steps = error != null && error.startsWith("lock") ? List.of()
                : List.of(new DeployRecord.StepTiming("VALIDATE", 12, true));
        return new DeployRecord("id-" + finished.getEpochSecond(), "lab", environment, "ann", finished.minusSeconds(30), finished,
                "stacks/" + environment + "/compose.yaml", "abc", null, steps, null, result, error);
    }

    private DeploysViewModel model() {
        DeploysViewModel model = new DeploysViewModel(redeployer, history, background, Clock.fixed(T0, ZoneOffset.UTC), DIRECT, DIRECT);
        model.addListener(() -> changes++);
        return model;
    }

    @Test
    void theHistoryLoadsNewestFirstAndEachEnvironmentShowsItsLastRun() {
        history.append(record("qa", DeployRecord.FAILED, T0.minusSeconds(600), "web did not start"));
        history.append(record("demo", DeployRecord.REFUSED, T0.minusSeconds(300), "no stack"));
        history.append(record("qa", DeployRecord.SUCCEEDED, T0.minusSeconds(60), null));
        DeploysViewModel model = model();

        assertThat(model.history()).extracting(DeployRecord::environment).containsExactly("qa", "demo", "qa");
        assertThat(model.badge(lab, "qa").state()).isEqualTo(DeployBadge.State.SUCCEEDED);
        assertThat(model.badge(lab, "qa").at()).isEqualTo(T0.minusSeconds(60));
        assertThat(model.badge(lab, "demo").state()).isEqualTo(DeployBadge.State.REFUSED);
        assertThat(model.badge(lab, "demo").detail()).isEqualTo("no stack");
        assertThat(model.badge(lab, "dev")).isEqualTo(DeployBadge.NONE);
    }

    @Test
    void aRedeployShowsAsRunningThenItsOutcome() {
        DeploysViewModel model = model();
        model.redeploy(lab, "qa");
        assertThat(model.badge(lab, "qa").state()).isEqualTo(DeployBadge.State.RUNNING);
        assertThat(model.shownRunProperty().get().environment()).isEqualTo("qa");
        assertThat(model.shownRunProperty().get().isRunning()).isTrue();
        assertThat(background.titles()).containsExactly("Redeploying qa (lab)");
        int before = changes;

        background.runAll();
        DeployRunModel run = model.runs().get(0);
        assertThat(redeployer.calls).containsExactly("lab/qa");
        assertThat(run.isRunning()).isFalse();
        assertThat(run.resultProperty().get().result()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(run.messages()).containsExactly("validated qa");
        assertThat(run.steps().get(DeployStep.VALIDATE.ordinal()).status()).isEqualTo(StepRow.Status.DONE);
        assertThat(model.badge(lab, "qa").state()).isEqualTo(DeployBadge.State.SUCCEEDED);
        assertThat(model.history()).hasSize(1);
        assertThat(changes).as("the board is told the badge changed").isGreaterThan(before);
    }

    @Test
    void aSecondRedeployOfTheSameEnvironmentWaitsForTheFirst() {
        DeploysViewModel model = model();
        model.redeploy(lab, "qa");
        model.redeploy(lab, "qa");
        model.redeploy(lab, "demo");
        assertThat(model.notices()).containsExactly("qa is already being redeployed; wait for that run to end");
        assertThat(background.waiting()).isEqualTo(2);
        background.runAll();
        model.redeploy(lab, "qa");
        assertThat(background.waiting()).as("once it ended, it can run again").isEqualTo(1);
    }

    @Test
    void aRedeployRefusedByTheLockIsANoticeSinceTheHistoryDoesNotHaveIt() {
        redeployer.result = DeployRecord.REFUSED;
        redeployer.recorded = false;
        DeploysViewModel model = model();
        model.redeploy(lab, "qa");
        background.runAll();
        assertThat(model.notices()).containsExactly("lock held by ann");
        assertThat(model.badge(lab, "qa")).isEqualTo(DeployBadge.NONE);
    }

    @Test
    void aRunThatBreaksIsANoticeAndNoLongerRunning() {
        redeployer.crash = new IllegalStateException("engine client closed");
        DeploysViewModel model = model();
        model.redeploy(lab, "qa");
        background.runAll();
        assertThat(model.notices()).singleElement().asString()
                .startsWith("the redeploy of qa stopped unexpectedly").contains("engine client closed");
        assertThat(model.badge(lab, "qa").state()).isNotEqualTo(DeployBadge.State.RUNNING);
    }
}
