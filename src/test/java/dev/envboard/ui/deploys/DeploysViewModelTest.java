package dev.envboard.ui.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.Redeployer;
import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.DeployRecords;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.InPlaceBackground;
import dev.envboard.ui.common.NameConfirmation;
import dev.envboard.ui.shell.TestPools;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
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
    private final FakeConfirmer confirmer = new FakeConfirmer();
    private int changes;

    /** Keeps what it was shown; the test confirms (accepting the skipped checks it chooses) or not. */
    private static final class FakeConfirmer implements RedeployConfirmer {
        final List<ValidationReport> shown = new ArrayList<>();
        Consumer<List<SkippedCheck>> pending;
        /** The name field the dialog would bind: the test types into it. */
        NameConfirmation typedName;

        @Override
        public void confirm(PoolSpec pool, String environment, ValidationReport report, NameConfirmation typedName,
                            Consumer<List<SkippedCheck>> onConfirm) {
            shown.add(report);
            pending = onConfirm;
            this.typedName = typedName;
        }
    }

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
        final List<String> checked = new ArrayList<>();
        final List<List<SkippedCheck>> accepted = new ArrayList<>();
        /** The environment's name as typed, per run; null where none was asked for. */
        final List<String> confirmations = new ArrayList<>();
        ValidationReport report = new ValidationReport(null, Path.of("stacks/qa/compose.yaml"), List.of("host-1"), List.of(), List.of());
        String result = DeployRecord.SUCCEEDED;
        boolean recorded = true;
        RuntimeException crash;

        @Override
        public ValidationReport check(PoolSpec pool, String environment) {
            checked.add(pool.name() + "/" + environment);
            if (crash != null) {
                throw crash;
            }
            return report;
        }

        @Override
        public DeployRecord redeploy(PoolSpec pool, String environment, List<SkippedCheck> acceptedChecks, String confirmation,
                                     DeployListener listener, CancelToken cancel) {
            calls.add(pool.name() + "/" + environment);
            accepted.add(acceptedChecks);
            confirmations.add(confirmation);
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

        @Override
        public ValidationReport checkFrom(PoolSpec pool, String environment, String deployId) {
            checked.add(pool.name() + "/" + environment + " from " + deployId);
            if (crash != null) {
                throw crash;
            }
            return report;
        }

        @Override
        public DeployRecord redeployFrom(PoolSpec pool, String environment, String deployId, List<SkippedCheck> acceptedChecks,
                                         String confirmation, DeployListener listener, CancelToken cancel) {
            DeployRecord record = redeploy(pool, environment, acceptedChecks, confirmation, listener, cancel);
            calls.set(calls.size() - 1, pool.name() + "/" + environment + " from " + deployId);
            return record;
        }
    }

    private static DeployRecord record(String environment, String result, Instant finished, String error) {
        List<DeployRecord.StepTiming> steps = error != null && error.startsWith("lock") ? List.of()
                : List.of(new DeployRecord.StepTiming("VALIDATE", 12, true));
        return new DeployRecord("id-" + finished.getEpochSecond(), "lab", environment, "ann", finished.minusSeconds(30), finished,
                "stacks/" + environment + "/compose.yaml", "abc", null, steps, null, result, error, List.of());
    }

    private DeploysViewModel model() {
        DeploysViewModel model = new DeploysViewModel(redeployer, history, background, Clock.fixed(T0, ZoneOffset.UTC), DIRECT, DIRECT,
                confirmer);
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
        model.redeploy(lab, "qa", List.of());
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
        model.redeploy(lab, "qa", List.of());
        model.redeploy(lab, "qa", List.of());
        model.redeploy(lab, "demo", List.of());
        assertThat(model.notices()).containsExactly("qa is already being redeployed; wait for that run to end");
        assertThat(background.waiting()).isEqualTo(2);
        background.runAll();
        model.redeploy(lab, "qa", List.of());
        assertThat(background.waiting()).as("once it ended, it can run again").isEqualTo(1);
    }

    @Test
    void aRedeployRefusedByTheLockIsANoticeSinceTheHistoryDoesNotHaveIt() {
        redeployer.result = DeployRecord.REFUSED;
        redeployer.recorded = false;
        DeploysViewModel model = model();
        model.redeploy(lab, "qa", List.of());
        background.runAll();
        assertThat(model.notices()).containsExactly("lock held by ann");
        assertThat(model.badge(lab, "qa")).isEqualTo(DeployBadge.NONE);
    }

    @Test
    void aRunThatBreaksIsANoticeAndNoLongerRunning() {
        redeployer.crash = new IllegalStateException("engine client closed");
        DeploysViewModel model = model();
        model.redeploy(lab, "qa", List.of());
        background.runAll();
        assertThat(model.notices()).singleElement().asString()
                .startsWith("the redeploy of qa stopped unexpectedly").contains("engine client closed");
        assertThat(model.badge(lab, "qa").state()).isNotEqualTo(DeployBadge.State.RUNNING);
    }

    @Test
    void aRedeployIsValidatedFirstAndRunsPastExactlyTheChecksTheUserAccepted() {
        SkippedCheck images = SkippedCheck.of("images envboard/demo:1", "lab node:n3", "swarm-3", "no engines: entry for it");
        redeployer.report = new ValidationReport(null, Path.of("stacks/qa/compose.yaml"), List.of("swarm-3"), List.of(), List.of(images));
        DeploysViewModel model = model();

        model.confirmAndRedeploy(lab, "qa");
        assertThat(redeployer.checked).containsExactly("lab/qa");
        assertThat(confirmer.shown).singleElement().satisfies(r -> assertThat(r.skipped()).containsExactly(images));
        assertThat(background.waiting()).as("nothing runs before the user confirms").isZero();

        confirmer.pending.accept(List.of(images.accept()));
        background.runAll();
        assertThat(redeployer.calls).containsExactly("lab/qa");
        assertThat(redeployer.accepted).containsExactly(List.of(images.accept()));
    }

    @Test
    void aRedeployTheUserDoesNotConfirmNeverRuns() {
        redeployer.report = new ValidationReport("qa has no hosts", null, List.of(), List.of(), List.of());
        DeploysViewModel model = model();
        model.confirmAndRedeploy(lab, "qa");
        assertThat(confirmer.shown).singleElement().satisfies(r -> assertThat(r.refusal()).isEqualTo("qa has no hosts"));
        assertThat(background.waiting()).isZero();
        assertThat(redeployer.calls).isEmpty();
    }

    @Test
    void aValidationThatBreaksIsANoticeAndAsksNothing() {
        redeployer.crash = new IllegalStateException("manager unreachable");
        DeploysViewModel model = model();
        model.confirmAndRedeploy(lab, "qa");
        assertThat(model.notices()).singleElement().asString().contains("cannot validate the redeploy of qa").contains("manager unreachable");
        assertThat(confirmer.shown).isEmpty();
        assertThat(model.checkingProperty().get()).isFalse();
    }

    @Test
    void redeployThisVersionValidatesTheRollbackConfirmsAndRunsFromThatRecord() {
        history.append(record("qa", DeployRecord.SUCCEEDED, T0.minusSeconds(600), null));
        DeploysViewModel model = model();
        DeployRecord earlier = model.history().get(0);

        model.confirmAndRedeployVersion(lab, earlier);
        assertThat(redeployer.checked).containsExactly("lab/qa from " + earlier.id());
        assertThat(confirmer.shown).hasSize(1);
        assertThat(background.waiting()).as("nothing runs before the user confirms").isZero();

        confirmer.pending.accept(List.of());
        assertThat(background.titles()).containsExactly("Redeploying qa (lab) at the versions of deploy " + earlier.id());
        background.runAll();
        assertThat(redeployer.calls).containsExactly("lab/qa from " + earlier.id());
        assertThat(model.badge(lab, "qa").state()).isEqualTo(DeployBadge.State.SUCCEEDED);
    }

    @Test
    void aProtectedEnvironmentAsksForItsExactNameAndTheRunCarriesIt() {
        PoolSpec guarded = TestPools.labProtecting("qa");
        DeploysViewModel model = model();

        model.confirmAndRedeploy(guarded, "qa");
        NameConfirmation typed = confirmer.typedName;
        assertThat(typed.fields()).singleElement().satisfies(field -> {
            assertThat(field.environment()).isEqualTo("qa");
            assertThat(field.prompt()).isEqualTo("Type qa to confirm");
        });
        NameConfirmation.Field field = typed.fields().get(0);
        for (String wrong : new String[] {"", "q", "QA", "qa ", " qa", "demo"}) {
            field.typedProperty().set(wrong);
            assertThat(typed.isConfirmed()).as("\"" + wrong + "\"").isFalse();
            assertThat(field.matches()).isFalse();
        }
        field.typedProperty().set("qa");
        assertThat(typed.isConfirmed()).isTrue();

        confirmer.pending.accept(List.of());
        background.runAll();
        assertThat(redeployer.calls).containsExactly("lab/qa");
        assertThat(redeployer.confirmations).as("the service checks the typed name again").containsExactly("qa");
    }

    @Test
    void aProtectedEnvironmentWhoseNameWasNotTypedNeverRuns() {
        PoolSpec guarded = TestPools.labProtecting("qa");
        DeploysViewModel model = model();
        model.confirmAndRedeploy(guarded, "qa");
        confirmer.typedName.fields().get(0).typedProperty().set("QA");

        confirmer.pending.accept(List.of());
        assertThat(background.waiting()).isZero();
        assertThat(redeployer.calls).isEmpty();
        assertThat(model.notices()).containsExactly("qa is protected: type its name to confirm (--confirm qa)");
    }

    @Test
    void aRollbackOfAProtectedEnvironmentAsksTooAndOtherEnvironmentsAskNothing() {
        history.append(record("qa", DeployRecord.SUCCEEDED, T0.minusSeconds(600), null));
        PoolSpec guarded = TestPools.labProtecting("qa");
        DeploysViewModel model = model();
        DeployRecord earlier = model.history().get(0);

        model.confirmAndRedeployVersion(guarded, earlier);
        assertThat(confirmer.typedName.isRequired()).isTrue();
        assertThat(confirmer.typedName.isConfirmed()).isFalse();
        confirmer.typedName.fields().get(0).typedProperty().set("qa");
        confirmer.pending.accept(List.of());
        background.runAll();
        assertThat(redeployer.confirmations).containsExactly("qa");

        model.confirmAndRedeploy(guarded, "demo");
        assertThat(confirmer.typedName.isRequired()).isFalse();
        assertThat(confirmer.typedName.isConfirmed()).as("nothing to type").isTrue();
        confirmer.pending.accept(List.of());
        background.runAll();
        assertThat(redeployer.calls).containsExactly("lab/qa from " + earlier.id(), "lab/demo");
        assertThat(redeployer.confirmations).containsExactly("qa", null);
    }
}
