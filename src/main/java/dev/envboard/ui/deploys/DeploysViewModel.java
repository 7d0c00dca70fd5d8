package dev.envboard.ui.deploys;

import dev.envboard.deploy.Redeployer;
import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.DeployRecords;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.ui.common.Background;
import dev.envboard.ui.common.NameConfirmation;
import dev.envboard.ui.shell.PoolItem;
import javafx.beans.value.ObservableValue;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Redeploys for the whole app: the runs of this session, the recorded history, and each
 * environment's badge (deploying now, or its last result). Touched on the FX thread only.
 */
public final class DeploysViewModel implements DeployStates {
    static final int HISTORY_SHOWN = 500;

    private final Redeployer service;
    private final Background background;
    private final Clock clock;
    private final Executor io;
    private final Executor fx;
    private final RedeployConfirmer confirmer;
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final ObservableList<DeployRecord> history = FXCollections.observableArrayList();
    private final ObservableList<DeployRunModel> runs = FXCollections.observableArrayList();
    private final ObjectProperty<DeployRunModel> shownRun = new SimpleObjectProperty<>();
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final Map<String, DeployRunModel> active = new HashMap<>();
    private final Map<String, DeployRecord> last = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final DeployListModel list;

    /**
     * @param background runs the redeploys, listed as operations
     * @param confirmer  shows a validated redeploy (what it would refuse, the checks that could not run) and asks
     */
    public DeploysViewModel(Redeployer service, DeployRecords deployHistory, Background background,
                            Clock clock, Executor io, Executor fx, RedeployConfirmer confirmer) {
        this(service, deployHistory, background, clock, io, fx, confirmer, List.of(), new SimpleObjectProperty<>(),
                DeployListModel.Feeds.NONE);
    }

    /**
     * @param pools        every pool, whose deploys are followed (runs of other Envboards and CI jobs too)
     * @param selectedPool the pool on screen: the list shows its deploys
     * @param feeds        follows a pool's deploys
     */
    public DeploysViewModel(Redeployer service, DeployRecords deployHistory, Background background,
                            Clock clock, Executor io, Executor fx, RedeployConfirmer confirmer, List<PoolSpec> pools,
                            ObservableValue<PoolItem> selectedPool, DeployListModel.Feeds feeds) {
        this.list = new DeployListModel(pools, selectedPool, history, feeds, io, fx);
        list.addListener(this::changed);
        this.service = service;
        this.background = background;
        this.clock = clock;
        this.io = io;
        this.fx = fx;
        this.confirmer = confirmer;
        CompletableFuture.supplyAsync(() -> deployHistory.recent(HISTORY_SHOWN), io).thenAcceptAsync(recent -> {
            history.setAll(recent);
            for (int i = recent.size() - 1; i >= 0; i--) {
                remember(recent.get(i));
            }
            changed();
        }, fx);
        deployHistory.addListener(record -> fx.execute(() -> {
            history.add(0, record);
            if (history.size() > HISTORY_SHOWN) {
                history.remove(HISTORY_SHOWN, history.size());
            }
            remember(record);
            changed();
        }));
    }

    /** This machine's recorded runs (every pool), newest first. */
    public ObservableList<DeployRecord> history() {
        return history;
    }

    /** The selected pool's deploys, whoever ran them: what the Deploys view lists. */
    public DeployListModel list() {
        return list;
    }

    /** Stops following the pools' deploys. */
    public void close() {
        list.close();
    }

    public ObservableList<DeployRunModel> runs() {
        return runs;
    }

    public ObjectProperty<DeployRunModel> shownRunProperty() {
        return shownRun;
    }

    public ObservableList<String> notices() {
        return notices;
    }

    /** True while a validation for a confirmation runs. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking;
    }

    /**
     * The Redeploy of a board column or the Deploys view: validates off the FX thread, then shows
     * what the validation found (a refusal, warnings, checks that could not run) and asks; the run
     * goes past exactly the skipped checks the user accepted.
     */
    @Override
    public void confirmAndRedeploy(PoolSpec pool, String environment) {
        NameConfirmation typed = NameConfirmation.of(pool, List.of(environment));
        check(pool, environment, null, report -> confirmer.confirm(pool, environment, report, typed,
                accepted -> startConfirmed(pool, environment, null, accepted, typed)));
    }

    /**
     * "Redeploy this version" on a history row: the same validate → confirm → run, redeploying
     * exactly the digests that record names (a rollback); the validation says what it refuses.
     */
    public void confirmAndRedeployVersion(PoolSpec pool, DeployRecord record) {
        String environment = record.environment();
        NameConfirmation typed = NameConfirmation.of(pool, List.of(environment));
        check(pool, environment, record.id(), report -> confirmer.confirm(pool, environment, report, typed,
                accepted -> startConfirmed(pool, environment, record.id(), accepted, typed)));
    }

    /** A protected environment runs only once its name is typed; the run gets the name, and the service checks it again. */
    private void startConfirmed(PoolSpec pool, String environment, String fromId, List<SkippedCheck> accepted,
                                NameConfirmation typed) {
        Optional<String> refusal = typed.refusal();
        if (refusal.isPresent()) {
            notices.add(refusal.get());
            return;
        }
        start(pool, environment, fromId, accepted, typed.typedNames().get(environment));
    }

    private void check(PoolSpec pool, String environment, String fromId, Consumer<ValidationReport> then) {
        checking.set(true);
        CompletableFuture.supplyAsync(() -> fromId == null ? service.check(pool, environment)
                : service.checkFrom(pool, environment, fromId), io).whenCompleteAsync((report, error) -> {
            checking.set(false);
            if (error != null) {
                notices.add("cannot validate the redeploy of " + environment + ": " + error.getMessage());
            } else {
                then.accept(report);
            }
        }, fx);
    }

    /** Starts a redeploy that goes past exactly the accepted skipped checks (the run validates again). */
    public void redeploy(PoolSpec pool, String environment, List<SkippedCheck> accepted) {
        start(pool, environment, null, accepted, null);
    }

    /**
     * @param fromId       the deploy whose recorded versions a rollback redeploys; null: the stack's own images
     * @param confirmation the environment's name as typed (a protected one); null: none
     */
    private void start(PoolSpec pool, String environment, String fromId, List<SkippedCheck> accepted, String confirmation) {
        String key = key(pool.name(), environment);
        if (active.containsKey(key)) {
            notices.add(environment + " is already being redeployed; wait for that run to end");
            return;
        }
        DeployRunModel run = new DeployRunModel(pool, environment, clock.instant());
        active.put(key, run);
        runs.add(0, run);
        shownRun.set(run);
        String title = fromId == null ? "Redeploying " + environment + " (" + pool.name() + ")"
                : "Redeploying " + environment + " (" + pool.name() + ") at the versions of deploy " + fromId;
        background.run(title, progress -> {
            progress.update("validating…", -1, 1);
            DeployRecord record = fromId == null
                    ? service.redeploy(pool, environment, accepted, confirmation, run.listener(fx), run.cancelToken())
                    : service.redeployFrom(pool, environment, fromId, accepted, confirmation, run.listener(fx), run.cancelToken());
            progress.update(record.result(), 1, 1);
            return record;
        }, record -> finish(key, run, record), error -> {
            notices.add("the redeploy of " + environment + " stopped unexpectedly: " + error);
            active.remove(key);
            changed();
        });
        changed();
    }

    private void finish(String key, DeployRunModel run, DeployRecord record) {
        run.finished(record);
        active.remove(key);
        if (DeployRecord.REFUSED.equals(record.result()) && record.steps().isEmpty()) {
            notices.add(record.error()); // refused by the lock: no step ran, so say it here too
        }
        changed();
    }

    @Override
    public DeployBadge badge(PoolSpec pool, String environment) {
        if (active.containsKey(key(pool.name(), environment))) {
            return new DeployBadge(DeployBadge.State.RUNNING, active.get(key(pool.name(), environment)).started(), "deploying…");
        }
        DeployRecord record = last.get(key(pool.name(), environment));
        Optional<DeployEntry> shared = list.newest(pool.name(), environment);
        if (shared.isPresent() && shared.get().inProgress()) {
            DeployEntry elsewhere = shared.get();
            return new DeployBadge(DeployBadge.State.RUNNING, elsewhere.startedAt(), "deploying… by " + elsewhere.who()
                    + " (deploy " + elsewhere.id() + ")");
        }
        if (shared.isPresent() && (record == null || !record.id().equals(shared.get().id()))) {
            record = shared.get().record(); // a newer run of another Envboard or a CI job
        }
        if (record == null) {
            return DeployBadge.NONE;
        }
        DeployBadge.State state = switch (record.result()) {
            case DeployRecord.SUCCEEDED -> DeployBadge.State.SUCCEEDED;
            case DeployRecord.CANCELLED -> DeployBadge.State.CANCELLED;
            case DeployRecord.REFUSED -> DeployBadge.State.REFUSED;
            default -> DeployBadge.State.FAILED;
        };
        return new DeployBadge(state, record.finishedAt(), record.error());
    }

    @Override
    public void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    private void remember(DeployRecord record) {
        last.put(key(record.pool(), record.environment()), record);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private static String key(String pool, String environment) {
        return pool + "/" + environment;
    }
}
