package dev.envboard.ui.deploys;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.DeployStep;
import dev.envboard.deploy.PullProgress;
import dev.envboard.deploy.ServiceProgress;
import dev.envboard.deploy.history.DeployRecord;
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
        for (DeployRecord.StepTiming timing : record.steps()) {
            DeployStep step = DeployStep.valueOf(timing.step());
            model.steps.set(step.ordinal(), new StepRow(step, timing.ok() ? StepRow.Status.DONE : StepRow.Status.FAILED, timing.millis()));
        }
        model.messages.add("by " + record.user() + ", stack " + record.stackFile() + " (sha256 "
                + (record.stackSha256() == null ? "-" : record.stackSha256().substring(0, Math.min(12, record.stackSha256().length()))) + ")");
        record.images().forEach((service, image) -> model.messages.add(service + ": " + image
                + (record.services().containsKey(service) ? ", ready " + record.services().get(service) + " ms after creation" : "")));
        record.skippedChecks().forEach(check -> model.messages.add("skipped check: " + check.describe()));
        model.result.set(record);
        return model;
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
