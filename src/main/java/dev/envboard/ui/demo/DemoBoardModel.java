package dev.envboard.ui.demo;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoException;
import dev.envboard.demo.DemoExpiry;
import dev.envboard.demo.DemoListener;
import dev.envboard.demo.DemoListing;
import dev.envboard.demo.DemoPhase;
import dev.envboard.demo.DemoState;
import dev.envboard.demo.LaunchRequest;
import dev.envboard.demo.LaunchResult;
import dev.envboard.demo.TeardownResult;
import dev.envboard.demo.template.DemoDuration;
import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployStep;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.ui.common.Background;
import dev.envboard.ui.shell.PoolItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The demos on the board: read from the pools' own records (so a colleague's demo, or one
 * launched with {@code envboard demo launch}, shows too), every {@link #LIST_INTERVAL} and
 * whenever the selected pool's hosts change environment; each demo's column (countdown, entry
 * points, state) for the selected pool; launch, extend, keep, tear down and clean up as operations;
 * and the expiry notifications of every pool. One {@link #tick()} a second (the view's one timer)
 * moves the countdowns on. FX thread only; blocking calls run on the I/O executor or as operations.
 */
public final class DemoBoardModel {
    /** How often every pool's demos are read again, however quiet its hosts are. */
    public static final Duration LIST_INTERVAL = Duration.ofSeconds(30);
    /** How often while one of its demos is on its way in or out (launching, tearing down), wherever that runs. */
    public static final Duration BUSY_LIST_INTERVAL = Duration.ofSeconds(5);
    static final List<DemoPhase> LAUNCH_PHASES = List.of(DemoPhase.VALIDATE, DemoPhase.RECORD, DemoPhase.LABEL_HOSTS, DemoPhase.DEPLOY);
    static final List<DemoPhase> TEARDOWN_PHASES = List.of(DemoPhase.REMOVE, DemoPhase.RETURN_HOSTS, DemoPhase.VERIFY);

    /** One pool's demos as last read, and whether a read runs. */
    private static final class Listed {
        List<Demo> demos = List.of();
        List<String> problems = List.of();
        Instant at;
        boolean running;
        boolean again;

        /** A launch or a teardown runs (maybe in another Envboard): its record changes soon. */
        Duration interval() {
            return demos.stream().anyMatch(d -> d.state() == DemoState.LAUNCHING || d.state() == DemoState.TEARING_DOWN)
                    ? BUSY_LIST_INTERVAL : LIST_INTERVAL;
        }
    }

    private final ObservableList<PoolItem> pools;
    private final ObjectProperty<PoolItem> selectedPool;
    private final DemoServices services;
    private final DemoExpiry expiry;
    private final Consumer<String> notices;
    private final Supplier<List<Host>> selectedHosts;
    private final Supplier<List<String>> boardEnvironments;
    private final ExpiryNotifications notifications;
    private final Map<String, Listed> listed = new HashMap<>();
    private final Map<String, ReadOnlyObjectWrapper<DemoColumnModel>> columns = new HashMap<>();
    private final ObservableSet<String> environments = FXCollections.observableSet();
    private final Set<String> busy = new HashSet<>();
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper preparing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<String> spotlight = new ReadOnlyObjectWrapper<>();
    private final ChangeListener<PoolSnapshot> onSnapshot = (obs, old, now) -> snapshotChanged(now);
    private final ChangeListener<PoolItem> onPool;
    /** The selected pool's hosts and their environments when last read: a change reads the demos again. */
    private List<String> signature = List.of();

    /**
     * @param pools             every pool of the window: expiry notifications cover them all
     * @param notices           the board's notices: refusals and failures, in words
     * @param selectedHosts     the cards selected on the board (offered to a launch when they are in Unassigned)
     * @param boardEnvironments the environments the board shows (a demo's name must be new)
     */
    public DemoBoardModel(ObservableList<PoolItem> pools, ObjectProperty<PoolItem> selectedPool, DemoServices services,
                          Consumer<String> notices, Supplier<List<Host>> selectedHosts, Supplier<List<String>> boardEnvironments) {
        this.pools = pools;
        this.selectedPool = selectedPool;
        this.services = services;
        this.expiry = services.demos().expiry();
        this.notices = notices;
        this.selectedHosts = selectedHosts;
        this.boardEnvironments = boardEnvironments;
        this.notifications = new ExpiryNotifications(expiry);
        this.onPool = (obs, old, now) -> {
            if (old != null) {
                old.snapshotProperty().removeListener(onSnapshot);
            }
            signature = List.of();
            if (now != null) {
                now.snapshotProperty().addListener(onSnapshot);
                snapshotChanged(now.snapshot());
            }
            show();
        };
        selectedPool.addListener(onPool);
        if (selectedPool.get() != null) {
            selectedPool.get().snapshotProperty().addListener(onSnapshot);
            signature = signature(selectedPool.get().snapshot()); // the first tick reads every pool
        }
    }

    // ---- what the board shows -----------------------------------------------------------

    /** The column of the selected pool's demo of {@code environment}; null while there is none. Kept per environment. */
    public ReadOnlyObjectProperty<DemoColumnModel> column(String environment) {
        return columns.computeIfAbsent(environment, env -> new ReadOnlyObjectWrapper<>(current(env))).getReadOnlyProperty();
    }

    /** The selected pool's demo environments: the board keeps their columns even while they have no hosts (a stuck demo). */
    public ObservableSet<String> environments() {
        return environments;
    }

    /** What could not be read of the selected pool's demos (a demo may be missing), in words; empty when all was read. */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** True while the templates are read for the launch form. */
    public ReadOnlyBooleanProperty preparingProperty() {
        return preparing.getReadOnlyProperty();
    }

    /**
     * The environment whose column the board should reveal and mark (a clicked notification, a
     * launch that ended); set again for each request.
     */
    public ReadOnlyObjectProperty<String> spotlightProperty() {
        return spotlight.getReadOnlyProperty();
    }

    /** The demos of a pool as last read (every pool is read, for the notifications). */
    public List<Demo> demos(String pool) {
        return listed(pool).demos;
    }

    /**
     * Once a second: the countdowns move on, the expiry notifications due are shown, and each
     * pool that answers is read again when its last read is {@link #LIST_INTERVAL} old
     * ({@link #BUSY_LIST_INTERVAL} while one of its demos is launching or tearing down).
     */
    public void tick() {
        Instant now = expiry.now();
        for (PoolItem item : List.copyOf(pools)) {
            Listed pool = listed(item.name());
            if (answered(item.snapshot()) && (pool.at == null || !now.isBefore(pool.at.plus(pool.interval())))) {
                list(item.spec());
            }
        }
        show();
        notifyDue();
    }

    /** Reads the selected pool's demos now (after the board was refreshed by hand). */
    public void refresh() {
        Optional.ofNullable(selectedPool.get()).ifPresent(item -> list(item.spec()));
    }

    // ---- actions ------------------------------------------------------------------------

    public void open(String url) {
        services.links().open(url);
    }

    public void copy(String url) {
        services.links().copy(url);
    }

    /**
     * Reads the selected pool's templates off the FX thread, then hands the launch form to
     * {@code show} with the board's selection as it is now and the pool's hosts, followed until
     * the form is closed (so the free hosts it counts are those of now).
     */
    public void prepareLaunch(Consumer<LaunchFormModel> show) {
        PoolItem item = selectedPool.get();
        if (item == null) {
            notices.accept("Select a pool first: a demo is launched on its free hosts.");
            return;
        }
        PoolSpec pool = item.spec();
        List<Host> selected = selectedHosts.get();
        Set<String> taken = new HashSet<>(boardEnvironments.get());
        taken.addAll(environments);
        preparing.set(true);
        CompletableFuture.supplyAsync(() -> services.demos().templates(pool), services.io()).whenCompleteAsync((listing, error) -> {
            preparing.set(false);
            if (error != null) {
                notices.accept("the demo templates of pool " + pool.name() + " could not be read: " + DockerErrors.describe(error));
            } else {
                LaunchFormModel form = new LaunchFormModel(pool, listing, item.snapshot().hosts(), selected, taken);
                ChangeListener<PoolSnapshot> follow = (obs, old, now) -> form.hosts(now.hosts());
                item.snapshotProperty().addListener(follow);
                form.onClose(() -> item.snapshotProperty().removeListener(follow));
                show.accept(form);
            }
        }, services.fx());
    }

    /** Launches what the form says, as an operation whose progress is the launch's phases; Cancel stops it at its next check. */
    public void launch(LaunchFormModel form) {
        if (!form.validProperty().get()) {
            return;
        }
        LaunchRequest request = form.request();
        PoolSpec pool = form.pool();
        String environment = form.environmentProperty().get();
        String key = key(pool.name(), environment);
        busy.add(key);
        CancelToken cancel = new CancelToken();
        services.background().run("Launching demo " + environment + " (template " + request.template() + ", pool " + pool.name() + ")",
                progress -> services.demos().launch(pool, request, progressOf(progress, LAUNCH_PHASES), cancel), cancel::cancel,
                result -> launched(pool, environment, result), error -> {
                    busy.remove(key);
                    notices.accept("the launch of " + environment + " stopped unexpectedly: " + DockerErrors.describe(error));
                    afterChange(pool);
                });
    }

    private void launched(PoolSpec pool, String environment, LaunchResult result) {
        busy.remove(key(pool.name(), environment));
        if (result.demo() != null) {
            put(result.demo());
        }
        if (!result.launched()) {
            notices.accept(result.message());
        }
        afterChange(pool);
        if (result.launched()) {
            spotlight(pool.name(), environment);
        }
    }

    /** Moves the demo's expiry {@code by} later; the service refuses past the template's maximum, and the notices say why. */
    public void extend(String environment, Duration by) {
        change(environment, "Extending " + environment + " by " + DemoDuration.format(by),
                (pool, env) -> services.demos().extend(pool, env, by));
    }

    /** Keep: exempt from expiry, or not any more. */
    public void keep(String environment, boolean keep) {
        change(environment, (keep ? "Keeping " : "No longer keeping ") + environment,
                (pool, env) -> services.demos().keep(pool, env, keep));
    }

    /** Whether the teardown of the selected pool's {@code environment} asks for its name typed. */
    public boolean needsTypedName(String environment) {
        PoolItem item = selectedPool.get();
        return item != null && services.protection().isProtected(item.spec(), environment);
    }

    /**
     * Tears the demo down (the view confirmed it; for a protected environment with its name typed
     * in {@code typedName}, which the service checks too). Nothing of it left: its column goes once
     * the hosts are back in Unassigned. Something left: it is marked stuck, and the notices name
     * each thing.
     */
    public void teardown(String environment, String typedName) {
        if (refusedUntyped(environment, typedName, "teardown")) {
            return;
        }
        remove(environment, "Tearing down " + environment,
                (pool, listener, cancel) -> services.demos().teardown(pool, environment, typedName, listener, cancel));
    }

    /** Retries the teardown of a stuck demo and reports what is left, if anything; a protected one with its name typed. */
    public void cleanup(String environment, String typedName) {
        if (refusedUntyped(environment, typedName, "clean-up")) {
            return;
        }
        remove(environment, "Cleaning up " + environment,
                (pool, listener, cancel) -> services.demos().cleanup(pool, environment, typedName, listener, cancel));
    }

    /** A protected environment without its name typed: said at once, no operation started (the service would refuse too). */
    private boolean refusedUntyped(String environment, String typedName, String what) {
        if (needsTypedName(environment) && !environment.equals(typedName)) {
            notices.accept(environment + " is protected: type its name to confirm the " + what + "; nothing was changed");
            return true;
        }
        return false;
    }

    /** Stops following the selected pool. */
    public void close() {
        selectedPool.removeListener(onPool);
        if (selectedPool.get() != null) {
            selectedPool.get().snapshotProperty().removeListener(onSnapshot);
        }
    }

    // ---- inner workings -----------------------------------------------------------------

    @FunctionalInterface
    private interface Change {
        Demo apply(PoolSpec pool, String environment) throws DemoException;
    }

    @FunctionalInterface
    private interface Removal {
        TeardownResult run(PoolSpec pool, DemoListener listener, CancelToken cancel);
    }

    private void change(String environment, String title, Change change) {
        PoolItem item = selectedPool.get();
        if (item == null) {
            return;
        }
        PoolSpec pool = item.spec();
        String key = key(pool.name(), environment);
        busy.add(key);
        show();
        services.background().run(title, progress -> change.apply(pool, environment), demo -> {
            busy.remove(key);
            put(demo);
            show();
        }, error -> {
            busy.remove(key);
            notices.accept(error instanceof DemoException ? error.getMessage() : title + " failed: " + DockerErrors.describe(error));
            show();
        });
    }

    private void remove(String environment, String title, Removal removal) {
        PoolItem item = selectedPool.get();
        if (item == null) {
            return;
        }
        PoolSpec pool = item.spec();
        String key = key(pool.name(), environment);
        busy.add(key);
        show();
        CancelToken cancel = new CancelToken();
        services.background().run(title, progress -> removal.run(pool, progressOf(progress, TEARDOWN_PHASES), cancel), cancel::cancel,
                result -> {
                    busy.remove(key);
                    removed(pool, environment, result);
                }, error -> {
                    busy.remove(key);
                    notices.accept(title + " stopped unexpectedly: " + DockerErrors.describe(error)
                            + "; the demo's record says what is left once read again");
                    afterChange(pool);
                });
    }

    private void removed(PoolSpec pool, String environment, TeardownResult result) {
        switch (result.outcome()) {
            case DONE -> {
                Listed demos = listed(pool.name());
                demos.demos = demos.demos.stream().filter(d -> !d.environment().equals(environment)).toList();
            }
            case STUCK -> notices.accept(environment + " is stuck: " + result.message()
                    + (result.left().isEmpty() ? "" : "\nleft: " + String.join("; ", result.left())));
            case REFUSED -> notices.accept(result.message());
        }
        afterChange(pool);
    }

    /** After this window changed a demo: the board and the demos are read again. */
    private void afterChange(PoolSpec pool) {
        services.refreshPool().accept(pool);
        list(pool);
        show();
    }

    private void list(PoolSpec pool) {
        Listed demos = listed(pool.name());
        if (demos.running) {
            demos.again = true;
            return;
        }
        demos.running = true;
        demos.at = expiry.now();
        CompletableFuture.supplyAsync(() -> services.demos().list(pool), services.io())
                .whenCompleteAsync((listing, error) -> listed(pool, listing, error), services.fx());
    }

    private void listed(PoolSpec pool, DemoListing listing, Throwable error) {
        Listed demos = listed(pool.name());
        demos.running = false;
        if (error != null) {
            demos.problems = List.of("the demos of pool " + pool.name() + " could not be read: " + DockerErrors.describe(error));
        } else {
            demos.demos = listing.demos().stream().filter(d -> d.pool() == null || d.pool().equals(pool.name())).toList();
            demos.problems = listing.problems();
        }
        if (demos.again) {
            demos.again = false;
            list(pool);
        }
        show();
        notifyDue();
    }

    private void put(Demo demo) {
        Listed demos = listed(demo.pool());
        List<Demo> next = new ArrayList<>(demos.demos.stream().filter(d -> !d.environment().equals(demo.environment())).toList());
        next.add(demo);
        demos.demos = List.copyOf(next);
    }

    private void snapshotChanged(PoolSnapshot snapshot) {
        if (!answered(snapshot)) {
            return;
        }
        List<String> now = signature(snapshot);
        if (!now.equals(signature)) {
            signature = now;
            list(snapshot.pool());
        }
    }

    private static List<String> signature(PoolSnapshot snapshot) {
        return snapshot.hosts().stream().map(h -> h.key().asText() + "=" + h.environment()).sorted().toList();
    }

    private static boolean answered(PoolSnapshot snapshot) {
        return snapshot.status() != PoolStatus.UNKNOWN && snapshot.status() != PoolStatus.OFFLINE
                && snapshot.status() != PoolStatus.REFUSED;
    }

    /** Brings every column property and the environment set up to date with the selected pool's demos. */
    private void show() {
        PoolItem item = selectedPool.get();
        Map<String, Demo> byEnvironment = new LinkedHashMap<>();
        if (item != null) {
            listed(item.name()).demos.forEach(d -> byEnvironment.put(d.environment(), d));
        }
        columns.forEach((env, column) -> {
            DemoColumnModel next = byEnvironment.containsKey(env)
                    ? DemoColumnModel.of(byEnvironment.get(env), expiry, busy.contains(key(item.name(), env))) : null;
            if (!Objects.equals(column.get(), next)) {
                column.set(next);
            }
        });
        environments.retainAll(byEnvironment.keySet());
        environments.addAll(byEnvironment.keySet());
        problems.set(item == null ? "" : String.join("\n", listed(item.name()).problems));
    }

    private DemoColumnModel current(String environment) {
        PoolItem item = selectedPool.get();
        if (item == null) {
            return null;
        }
        return listed(item.name()).demos.stream().filter(d -> d.environment().equals(environment)).findFirst()
                .map(d -> DemoColumnModel.of(d, expiry, busy.contains(key(item.name(), environment)))).orElse(null);
    }

    private void notifyDue() {
        List<Demo> all = listed.values().stream().flatMap(l -> l.demos.stream()).toList();
        for (ExpiryNotifications.Notice notice : notifications.due(all)) {
            services.notifier().show(notice.title(), notice.text(), () -> spotlight(notice.pool(), notice.environment()));
        }
    }

    /** Selects the demo's pool if another one is shown, then asks the board to reveal its column. */
    void spotlight(String pool, String environment) {
        PoolItem item = selectedPool.get();
        if (item == null || !item.name().equals(pool)) {
            pools.stream().filter(p -> p.name().equals(pool)).findFirst().ifPresent(selectedPool::set);
        }
        spotlight.set(null);
        spotlight.set(environment);
    }

    private Listed listed(String pool) {
        return listed.computeIfAbsent(pool, p -> new Listed());
    }

    private static String key(String pool, String environment) {
        return pool + "/" + environment;
    }

    /** The job's phases as its progress in the operations list; the deploy's steps within DEPLOY. Called on the working thread. */
    private static DemoListener progressOf(Background.Progress progress, List<DemoPhase> phases) {
        return new DemoListener() {
            @Override
            public void phase(DemoPhase phase) {
                progress.update(phase.label(), Math.max(0, phases.indexOf(phase)), phases.size());
            }

            @Override
            public void stepStarted(DeployStep step) {
                progress.update(DemoPhase.DEPLOY.label() + ": " + step.title(), phases.indexOf(DemoPhase.DEPLOY), phases.size());
            }
        };
    }
}
