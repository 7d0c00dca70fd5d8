package dev.envboard.ui;

import dev.envboard.services.Services;
import dev.envboard.ui.shell.UiState;
import dev.envboard.ui.shell.UiStateStore;
import dev.envboard.health.HealthWatch;
import dev.envboard.pool.PoolEventWatch;
import dev.envboard.pool.PoolMonitor;
import dev.envboard.ui.board.AuditViewModel;
import dev.envboard.ui.board.BoardView;
import dev.envboard.ui.board.BoardServices;
import dev.envboard.ui.board.BoardUpdates;
import dev.envboard.ui.board.BoardViewModel;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.Operations;
import dev.envboard.ui.common.StartGate;
import dev.envboard.ui.common.Theme;
import dev.envboard.ui.demo.ControlsFxNotifier;
import dev.envboard.ui.demo.DemoAddOn;
import dev.envboard.ui.demo.DemoBoardModel;
import dev.envboard.ui.demo.DemoServices;
import dev.envboard.ui.demo.DemoTicker;
import dev.envboard.ui.demo.Links;
import dev.envboard.ui.demo.SystemLinks;
import dev.envboard.containers.ContainerRow;
import dev.envboard.logs.LogService;
import dev.envboard.logs.LogTarget;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.containers.ContainersView;
import dev.envboard.ui.containers.ContainersViewModel;
import dev.envboard.ui.deploys.DeploysView;
import dev.envboard.ui.deploys.DeploysViewModel;
import dev.envboard.ui.deploys.RedeployConfirmation;
import dev.envboard.ui.health.HealthView;
import dev.envboard.ui.health.PoolHealthModel;
import dev.envboard.ui.shell.NavSection;
import dev.envboard.ui.logs.LogsView;
import dev.envboard.ui.logs.LogsViewModel;
import dev.envboard.ui.shell.ShellView;
import dev.envboard.ui.shell.ShellViewModel;
import dev.envboard.ui.shell.WindowIcons;
import dev.envboard.ui.welcome.WelcomeView;
import dev.envboard.runtime.Notices;
import dev.envboard.ui.watch.DesktopNotifier;
import dev.envboard.ui.watch.WatchAlert;
import dev.envboard.ui.watch.WatchAlerts;
import dev.envboard.ui.watch.WatchedHealth;
import dev.envboard.ui.watch.Watchlist;
import javafx.collections.SetChangeListener;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import dev.envboard.runtime.AppExecutors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.HostServices;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;

/**
 * The UI half of the composition root: builds view models and views from the app's services
 * and shows them in a stage. The GUI launcher and the UI tests both start here.
 */
public final class EnvboardUi {
    static final Duration POOL_REFRESH = Duration.ofSeconds(5);
    /** Each pool's deploy records are listed this often besides the engines' events (a stream can miss one). */
    static final Duration DEPLOY_LISTING = Duration.ofSeconds(20);

    private final Services context;
    private final Executor fx;
    private final UiStateStore stateStore;
    private final UiState initialState;
    private final Theme theme;
    private final PoolMonitor monitor;
    private final Operations operations;
    private final ShellViewModel shell;
    private final StartGate startGate = new StartGate();
    private Theme.Mode themeMode;
    private ContainersViewModel containers;
    private LogsViewModel logs;
    private LogsView logsView;
    private PoolHealthModel health;
    private BoardUpdates updates;
    private DemoBoardModel demos;
    private DemoTicker demoTicker;
    /** Where the demos' links open and are copied; the desktop's unless a test gives its own. */
    private Links links;
    private DeploysViewModel deploys;
    private Watchlist watchlist;
    private dev.envboard.ui.board.BoardLayout boardLayout;
    private WatchedHealth watchedHealth;
    private DeploysView deploysView;
    private HealthView healthView;
    private BoardViewModel board;
    /** The one worker of the board's background update checks: runs never overlap, and it never blocks the shared timer. */
    private final ScheduledExecutorService updateWorker =
            Executors.newSingleThreadScheduledExecutor(AppExecutors.named("envboard-updates"));
    private Stage stage;

    /** Saves run one after another on the I/O executor, never on the FX thread. */
    private volatile CompletableFuture<Void> saves = CompletableFuture.completedFuture(null);
    private volatile String lastSaveProblem;

    /**
     * @param fx           runs on the FX thread: {@code Platform::runLater} in the app
     * @param initialState loaded from {@code stateStore} before the FX thread needs it
     */
    public EnvboardUi(Services context, Executor fx, UiStateStore stateStore, UiState initialState, Theme theme) {
        this.context = context;
        this.fx = fx;
        this.stateStore = stateStore;
        this.initialState = initialState;
        this.theme = theme;
        this.monitor = new PoolMonitor(context.poolInspector(), context.executors().timer(), POOL_REFRESH,
                (pool, onChange) -> new PoolEventWatch(pool, context.dockerClients(), context.executors().timer(),
                        context.executors().io(), onChange));
        this.operations = new Operations(context.executors().io());
        this.shell = new ShellViewModel(context.pools(), monitor, operations, context.notices(), fx);
    }

    public ShellViewModel shell() {
        return shell;
    }

    /**
     * Starts asking every pool now, before the window is built (any thread): the first answers
     * then arrive while the toolkit lays out the first frame, instead of after it.
     */
    public void watchPoolsEarly() {
        context.pools().pools().forEach(pool -> monitor.watch(pool, snapshot -> { }));
    }

    /** Builds the window into the stage and shows it; call on the FX thread. */
    public void show(Stage stage) {
        this.stage = stage;
        UiState state = initialState;
        themeMode = Theme.Mode.parse(state.theme());

        Button themeToggle = Controls.iconButton(Icons.THEME, "Theme: follow the system, light or dark");
        themeToggle.setId("theme-toggle");

        // What the board's first hosts do not need starts once they are shown (FirstLook).
        Executor later = startGate.holding(context.executors().io());
        watchlist = new Watchlist(state.watched());
        watchlist.keys().addListener((SetChangeListener<String>) change -> saveState());
        deploys = new DeploysViewModel(context.redeployService(), context.deployHistory(), operations,
                context.clock(), later, fx,
                (pool, env, report, typed, onConfirm) -> RedeployConfirmation.show(stage, pool, env, report, typed, onConfirm),
                context.pools().pools(), shell.selectedPoolProperty(),
                (pool, listener) -> context.poolDeploys().watch(pool, DEPLOY_LISTING, listener));
        WatchAlerts alerts = new WatchAlerts(watchlist::copy);
        DesktopNotifier notifier = new DesktopNotifier(stage, this::open);
        deploys.list().addEventListener(event -> alerts.deploy(event).ifPresent(notifier::show));
        watchedHealth = new WatchedHealth(shell.pools(), watchlist, HealthWatch::start, later, fx,
                (pool, snapshot) -> alerts.health(pool, snapshot).forEach(notifier::show));
        health = new PoolHealthModel(shell.selectedPoolProperty(), HealthWatch::start, later, fx);
        updates = new BoardUpdates(shell.selectedPoolProperty(), context.updateChecker()::check,
                (task, delay) -> updateWorker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                BoardUpdates.INTERVAL, BoardUpdates.FIRST_DELAY, fx);
        board = new BoardViewModel(shell.selectedPoolProperty(), health.snapshotProperty(),
                new BoardServices(context.moveService(), context.labelWriters()::trust, context.emptyEnvironments(),
                        monitor::refreshNow, deploys, operations, context.executors().io(), fx, watchlist), updates);
        boardLayout = board.layout();
        boardLayout.restore(state.compactCards(), state.collapsedColumns());
        boardLayout.compactProperty().addListener((obs, old, compact) -> saveState());
        boardLayout.collapsed().addListener((SetChangeListener<String>) change -> saveState());
        AuditViewModel audit = new AuditViewModel(context.auditLog(), later, fx);
        demos = new DemoBoardModel(shell.pools(), shell.selectedPoolProperty(), new DemoServices(context.demoService(), operations,
                monitor::refreshNow, links != null ? links : new SystemLinks(hostServices(), context.executors().io()),
                new ControlsFxNotifier(() -> this.stage, () -> theme.isDark(themeMode)),
                // A protected environment (pools.yaml protected:) asks for its name typed before a teardown.
                (pool, environment) -> pool.isProtected(environment), later, fx),
                board.notices()::add, board::selectedHosts, board::environments);
        board.keepColumns(demos.environments());
        demos.spotlightProperty().addListener((obs, old, environment) -> {
            if (environment != null) {
                shell.sectionProperty().set(NavSection.BOARD);
            }
        });
        DemoAddOn demoAddOn = new DemoAddOn(demos);
        Map<NavSection, Supplier<Node>> sections = new EnumMap<>(NavSection.class);
        sections.put(NavSection.BOARD, () -> new BoardView(board, audit, deploys::confirmAndRedeploy, demoAddOn));
        // Containers and Logs are built when first shown: until then they cost the start-up nothing, engines included.
        sections.put(NavSection.CONTAINERS, () -> {
            containers = new ContainersViewModel(shell.selectedPoolProperty(), context.dockerClients(), context.executors().timer(),
                    context.executors().io(), fx, operations);
            return new ContainersView(containers, row -> {
                shell.sectionProperty().set(NavSection.LOGS);
                logsView().open(logTargetOf(row));
            }, context.executors().timer());
        });
        sections.put(NavSection.LOGS, this::logsView);
        sections.put(NavSection.HEALTH, () -> healthView = new HealthView(health, board::environments));
        sections.put(NavSection.DEPLOYS, () -> deploysView = new DeploysView(deploys, shell.selectedPoolProperty(), board::environments,
                deploys::confirmAndRedeploy));
        Supplier<Node> welcome = () -> new WelcomeView(shell, context.paths().poolsFile());

        ShellView root = new ShellView(shell, operations, themeToggle, sections, welcome);
        Scene scene = new Scene(root, state.width(), state.height());
        theme.apply(scene, themeMode);
        themeToggle.setOnAction(e -> {
            themeMode = themeMode.next();
            theme.apply(scene, themeMode);
            themeToggle.getTooltip().setText("Theme: " + themeMode.name().toLowerCase() + " (click to change)");
            saveState();
        });

        stage.setTitle("Envboard");
        stage.getIcons().setAll(WindowIcons.load());
        stage.setScene(scene);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        if (state.hasPosition()) {
            stage.setX(state.x());
            stage.setY(state.y());
        }
        stage.setMaximized(state.maximized());
        stage.setOnHiding(e -> saveState());
        stage.show();
        shell.start(state.selectedPool());
        FirstLook.openWhenShown(scene, shell.selectedPoolProperty(), startGate);
        shell.selectedPoolProperty().addListener((obs, old, now) -> saveState());
        demoTicker = new DemoTicker(demos, context.executors().timer(), fx);
        demoTicker.start();
    }

    /** The board's columns as last applied (FX thread; empty before {@link #show}): the bench probe follows them. */
    javafx.collections.ObservableList<dev.envboard.ui.board.EnvironmentColumnModel> boardColumns() {
        return board == null ? javafx.collections.FXCollections.observableArrayList() : board.columns();
    }

    /** The Logs view, built the first time it is needed (FX thread). */
    private LogsView logsView() {
        if (logsView == null) {
            logs = new LogsViewModel(new LogService(context.dockerClients(), context.executors().io()), this::selectedPools,
                    context.executors().io(), fx);
            logsView = new LogsView(logs);
        }
        return logsView;
    }

    /** Links open and copy through {@code given} instead of the desktop's browser and clipboard; call before {@link #show}. */
    void useLinks(Links given) {
        this.links = given;
    }

    /**
     * The desktop's HostServices (the browser, for a demo's links). The window is started without
     * an Application subclass, so one that is never launched is made only to ask for them.
     */
    private static HostServices hostServices() {
        Application host = new Application() {
            @Override
            public void start(Stage unused) {
                // never launched: it only lends its HostServices
            }
        };
        return host.getHostServices();
    }

    /** A click on a watch notification: the environment's Deploys (or Health) view, filtered to it, in front. */
    private void open(WatchAlert alert) {
        shell.pools().stream().filter(p -> p.name().equals(alert.pool())).findFirst().ifPresent(shell.selectedPoolProperty()::set);
        shell.sectionProperty().set(alert.kind().opensHealth() ? NavSection.HEALTH : NavSection.DEPLOYS);
        if (alert.kind().opensHealth() && healthView != null) {
            healthView.showEnvironment(alert.environment());
        } else if (!alert.kind().opensHealth() && deploysView != null) {
            deploysView.showEnvironment(alert.environment());
        }
        stage.toFront();
    }

    private List<PoolSpec> selectedPools() {
        return shell.selectedPoolProperty().get() == null ? List.of() : List.of(shell.selectedPoolProperty().get().spec());
    }

    /** A container by its id (names repeat across engines); a task not yet running by its service. */
    private static LogTarget logTargetOf(ContainerRow row) {
        return row.containerId() != null ? new LogTarget(LogTarget.Kind.CONTAINER, shortId(row.containerId()))
                : new LogTarget(LogTarget.Kind.SERVICE, row.service());
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }

    /** Takes the state on the FX thread and writes it on the I/O executor; a failure becomes a notice. */
    private void saveState() {
        String pool = shell.selectedPoolProperty().get() == null ? null : shell.selectedPoolProperty().get().name();
        UiState state = new UiState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), themeMode.name().toLowerCase(), pool, watchlist == null ? List.of() : watchlist.copy().stream().sorted().toList(),
                boardLayout != null && boardLayout.compactProperty().get(), boardLayout == null ? List.of() : boardLayout.collapsedCopy());
        saves = saves.thenRunAsync(() -> {
            try {
                stateStore.save(state);
                lastSaveProblem = null;
            } catch (IOException | RuntimeException e) {
                // Caught whatever it is: a failed link would stop every later save of the chain.
                lastSaveProblem = e.getMessage();
                context.notices().report(Notices.Kind.WRITE_FAILED, String.valueOf(e.getMessage()));
            }
        }, context.executors().io());
    }

    /**
     * Waits (bounded) for the saves still running, the one made on closing included; call off the
     * FX thread once the window is closed, before the services close.
     *
     * @return why the last save failed, or empty when the state is on disk
     */
    public Optional<String> awaitStateSaved(Duration timeout) {
        try {
            saves.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.of("the window state was not saved to " + stateStore.file() + " within "
                    + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return Optional.of("the window state was not saved: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while the window state was saved");
        }
        return Optional.ofNullable(lastSaveProblem);
    }

    /** Stops watching pools; the Services owner closes the services. */
    public void close() {
        startGate.close();
        shell.close();
        monitor.close();
        if (containers != null) {
            containers.close();
        }
        if (logs != null) {
            logs.close();
        }
        if (health != null) {
            health.close();
        }
        if (updates != null) {
            updates.close();
        }
        if (demoTicker != null) {
            demoTicker.stop();
        }
        if (demos != null) {
            demos.close();
        }
        if (deploys != null) {
            deploys.close();
        }
        if (watchedHealth != null) {
            watchedHealth.close();
        }
        updateWorker.shutdownNow();
    }
}
