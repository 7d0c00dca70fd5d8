package dev.envboard.ui.deploys;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.PullProgress;
import dev.envboard.deploy.ServiceProgress;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.pool.PoolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One redeploy as the UI follows it: steps, services, messages (bounded) and the final record.
 * Events arrive on the deploying thread and are applied on the FX thread.
 */
public final class DeployRunModel {
    static final int MAX_MESSAGES = 1000;

    private final PoolSpec pool;
    private final String poolName;
    private final String environment;
    private final Instant started;
    private final CancelToken cancel = new CancelToken();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<ServiceProgress> services = FXCollections.observableArrayList();
    private final ObservableList<String> messages = FXCollections.observableArrayList();
    private final ObservableList<PullProgress> pulls = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DeployRecord> result = new ReadOnlyObjectWrapper<>();
    private boolean elsewhere;

    DeployRunModel(PoolSpec pool, String environment, Instant started) {
        this(pool, pool.name(), environment, started);
    }

    private DeployRunModel(PoolSpec pool, String poolName, String environment, Instant started) {
        this.pool = pool;
        this.poolName = poolName;
        this.environment = environment;
        this.started = started;
        for (DeployStep step : DeployStep.values()) {
            steps.add(new StepRow(step, StepRow.Status.WAITING, 0));
        }
    }

    /** A recorded run (from the history) shown in the same pane: its steps, timings and outcome. */
    static DeployRunModel fromRecord(DeployRecord record) {
        DeployRunModel model = new DeployRunModel(null, record.pool(), record.environment(), record.startedAt());
        model.describe(record);
        model.result.set(record);
        return model;
    }

    /**
     * A deploy of the list: a recorded run as {@link #fromRecord}; one that runs elsewhere (another
     * Envboard, a CI job) with what its record in the pool says so far, followed until it ends.
     */
    static DeployRunModel fromEntry(DeployEntry entry) {
        if (entry.status().ended() || entry.origin() != DeployEntry.Origin.POOL) {
            return fromRecord(entry.record());
        }
        DeployRunModel model = new DeployRunModel(null, entry.pool(), entry.environment(), entry.startedAt());
        model.elsewhere = true;
        model.messages.add(entry.status() == DeployEntry.Status.UNFINISHED
                ? "it said it started, long ago, and its end was never written (its process may have died)"
                : "running elsewhere: another Envboard or a CI job runs it; its steps show there");
        model.describe(entry.record());
        entry.changes().forEach(change -> model.messages.add("shipping " + change));
        return model;
    }

    /** Its steps with their timings, who ran it from which stack, its images and skipped checks. */
    private void describe(DeployRecord record) {
        for (DeployRecord.StepTiming timing : record.steps()) {
            DeployStep step = DeployStep.valueOf(timing.step());
            steps.set(step.ordinal(), new StepRow(step, timing.ok() ? StepRow.Status.DONE : StepRow.Status.FAILED, timing.millis()));
        }
        String stack = record.stackFile() == null ? "of " + record.environment() : record.stackFile();
        messages.add("by " + record.user() + ", stack " + stack + " (sha256 "
                + (record.stackSha256() == null ? "-" : record.stackSha256().substring(0, Math.min(12, record.stackSha256().length()))) + ")");
        record.images().forEach((service, image) -> messages.add(service + ": " + image
                + (record.services().containsKey(service) ? ", ready " + record.services().get(service) + " ms after creation" : "")));
        record.skippedChecks().forEach(check -> messages.add("skipped check: " + check.describe()));
    }

    /** A run that another process runs: it is followed here, not cancelled. */
    public boolean isElsewhere() {
        return elsewhere;
    }

    /** The pool of a live run; null for a run shown from the history. */
    public PoolSpec pool() {
        return pool;
    }

    public String poolName() {
        return poolName;
    }

    public String environment() {
        return environment;
    }

    public Instant started() {
        return started;
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public ObservableList<ServiceProgress> services() {
        return services;
    }

    public ObservableList<String> messages() {
        return messages;
    }

    /** The pre-pulls of a live run: the last report per host and image, sorted by host; at most {@link PullRows#MAX_ROWS}. */
    public ObservableList<PullProgress> pulls() {
        return pulls;
    }

    public ReadOnlyObjectProperty<DeployRecord> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return result.get() == null;
    }

    public CancelToken cancelToken() {
        return cancel;
    }

    public void cancel() {
        cancel.cancel();
        messages.add("cancelling… the run stops at its next check");
    }

    void finished(DeployRecord record) {
        result.set(record);
    }

    /** A listener for the deploying thread that hands each event to the FX thread. */
    DeployListener listener(Executor fx) {
        PullRows pullRows = new PullRows(fx, pulls, this::addMessage);
        return new DeployListener() {
            @Override
            public void stepStarted(DeployStep step) {
                fx.execute(() -> steps.set(step.ordinal(), new StepRow(step, StepRow.Status.RUNNING, 0)));
            }

            @Override
            public void stepFinished(DeployStep step, Duration took, boolean ok) {
                fx.execute(() -> steps.set(step.ordinal(), new StepRow(step, ok ? StepRow.Status.DONE : StepRow.Status.FAILED, took.toMillis())));
            }

            @Override
            public void service(ServiceProgress progress) {
                fx.execute(() -> {
                    for (int i = 0; i < services.size(); i++) {
                        if (services.get(i).service().equals(progress.service())) {
                            services.set(i, progress);
                            return;
                        }
                    }
                    services.add(progress);
                });
            }

            @Override
            public void message(String text) {
                fx.execute(() -> addMessage(text));
            }

            @Override
            public void pull(PullProgress progress) {
                pullRows.offer(progress);
            }
        };
    }

    private void addMessage(String text) {
        messages.add(text);
        if (messages.size() > MAX_MESSAGES) {
            messages.remove(0, messages.size() - MAX_MESSAGES);
        }
    }
}
