package dev.envboard.ui;

import dev.envboard.services.Services;
import dev.envboard.ui.shell.UiState;
import dev.envboard.ui.shell.UiStateStore;
import dev.envboard.health.HealthWatch;
import dev.envboard.pool.PoolEventWatch;
import dev.envboard.pool.PoolMonitor;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.ui.board.AuditViewModel;
import dev.envboard.ui.board.BoardView;
import dev.envboard.ui.board.BoardViewModel;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.Operations;
import dev.envboard.ui.common.Theme;
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
import dev.envboard.ui.welcome.WelcomeView;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The UI half of the composition root: builds view models and views from the app's services
 * and shows them in a stage. The GUI launcher and the UI tests both start here.
 */
public final class EnvboardUi {
    static final Duration POOL_REFRESH = Duration.ofSeconds(5);

    private final Services context;
    private final Executor fx;
    private final UiStateStore stateStore;
    private final Theme theme;
    private final PoolMonitor monitor;
    private final Operations operations;
    private final ShellViewModel shell;
    private Theme.Mode themeMode;
    private ContainersViewModel containers;
    private LogsViewModel logs;
    private PoolHealthModel health;
    private Stage stage;

    /** @param fx runs on the FX thread: {@code Platform::runLater} in the app */
    public EnvboardUi(Services context, Executor fx, UiStateStore stateStore, Theme theme) {
        this.context = context;
        this.fx = fx;
        this.stateStore = stateStore;
        this.theme = theme;
        this.monitor = new PoolMonitor(context.poolInspector(), context.executors().timer(), POOL_REFRESH,
                (pool, onChange) -> new PoolEventWatch(pool, context.dockerClients(), context.executors().timer(),
                        context.executors().io(), onChange));
        this.operations = new Operations(context.executors().io());
        this.shell = new ShellViewModel(context.pools(), monitor, operations, fx);
    }

    public ShellViewModel shell() {
        return shell;
    }

    /** Builds the window into the stage and shows it; call on the FX thread. */
    public void show(Stage stage) {
        this.stage = stage;
        UiState state = stateStore.load();
        themeMode = Theme.Mode.parse(state.theme());

        Button themeToggle = Controls.iconButton(Icons.THEME, "Theme: follow the system, light or dark");
        themeToggle.setId("theme-toggle");

        DeploysViewModel deploys = new DeploysViewModel(context.redeployService(), context.deployHistory(), operations,
                context.clock(), context.executors().io(), fx,
                (pool, env, report, onConfirm) -> RedeployConfirmation.show(stage, pool, env, report, onConfirm));
        health = new PoolHealthModel(shell.selectedPoolProperty(), HealthWatch::start, context.executors().io(), fx);
        BoardViewModel board = new BoardViewModel(shell.selectedPoolProperty(), context.moveService(), monitor,
                operations, context.emptyEnvironments(), context.labelWriters()::trust, deploys,
                health.snapshotProperty(), context.executors().io(), fx);
        AuditViewModel audit = new AuditViewModel(context.auditLog(), context.executors().io(), fx);
        Map<NavSection, Supplier<Node>> sections = new EnumMap<>(NavSection.class);
        StackLoader stacks = new StackLoader();
        BoardView.StackLocator locator = (pool, env) -> pool.stacksDir() == null ? Optional.empty() : stacks.locate(pool.stacksDir(), env);
        sections.put(NavSection.BOARD, () -> new BoardView(board, audit, locator));
        containers = new ContainersViewModel(shell.selectedPoolProperty(), context.dockerClients(), context.executors().timer(),
                context.executors().io(), fx, operations);
        logs = new LogsViewModel(new LogService(context.dockerClients(), context.executors().io()), this::selectedPools,
                context.executors().io(), fx);
        LogsView logsView = new LogsView(logs);
        sections.put(NavSection.CONTAINERS, () -> new ContainersView(containers, row -> {
            shell.sectionProperty().set(NavSection.LOGS);
            logsView.open(logTargetOf(row));
        }));
        sections.put(NavSection.LOGS, () -> logsView);
        sections.put(NavSection.HEALTH, () -> new HealthView(health, board::environments));
        sections.put(NavSection.DEPLOYS, () -> new DeploysView(deploys, shell.selectedPoolProperty(), board::environments,
                deploys::confirmAndRedeploy));
        Node welcome = new WelcomeView(shell, context.paths().poolsFile());

        ShellView root = new ShellView(shell, operations, themeToggle, sections, welcome);
        Scene scene = new Scene(root, state.width(), state.height());
        theme.apply(scene, themeMode);
        themeToggle.setOnAction(e -> {
            themeMode = themeMode.next();
            theme.apply(scene, themeMode);
            themeToggle.getTooltip().setText("Theme: " + themeMode.name().toLowerCase() + " (click to change)");
        });

        stage.setTitle("Envboard");
        stage.getIcons().add(new Image(EnvboardUi.class.getResourceAsStream("/dev/envboard/ui/envboard.png")));
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

    private void saveState() {
        String pool = shell.selectedPoolProperty().get() == null ? null : shell.selectedPoolProperty().get().name();
        stateStore.save(new UiState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), themeMode.name().toLowerCase(), pool));
    }

    /** Stops watching pools; the Services owner closes the services. */
    public void close() {
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
    }
}
