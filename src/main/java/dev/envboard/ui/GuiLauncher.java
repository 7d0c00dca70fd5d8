package dev.envboard.ui;

import dev.envboard.services.Services;
import dev.envboard.ui.shell.UiState;
import dev.envboard.ui.shell.UiStateStore;
import dev.envboard.ui.common.Theme;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts JavaFX without an Application subclass (so nothing is handed over through statics),
 * shows the window, and waits until it closes. Failures to start become one clear message.
 */
public final class GuiLauncher {
    /** How long closing waits for the window state to reach the disk. */
    static final Duration STATE_SAVE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, String> env;
    private final PrintWriter err;
    private final Services.Opener services;

    public GuiLauncher(Map<String, String> env, PrintWriter err, Services.Opener services) {
        this.env = env;
        this.err = err;
        this.services = services;
    }

    /** Blocks until the window closes; returns the process exit code. */
    public int start(Path configFile) {
        String displayProblem = displayProblem();
        if (displayProblem != null) {
            err.println("envboard: " + displayProblem);
            return 2;
        }
        try (Services context = services.open(configFile)) {
            context.pools().problems().forEach(err::println);
            return showWindow(context);
        }
    }

    private int showWindow(Services context) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<EnvboardUi> ui = new AtomicReference<>();
        // Read here, before the FX thread exists: it must not wait on the disk.
        UiStateStore stateStore = new UiStateStore(context.paths().stateDir(), context.notices());
        UiState state = stateStore.load();
        try {
            Platform.startup(() -> {
                try {
                    EnvboardUi created = new EnvboardUi(context, Platform::runLater, stateStore, state, new Theme(env));
                    ui.set(created);
                    Stage stage = new Stage();
                    stage.setOnHidden(e -> closed.countDown());
                    created.show(stage);
                } catch (RuntimeException | Error e) {
                    failure.set(e);
                    closed.countDown();
                }
            });
        } catch (RuntimeException | Error e) {
            err.println("envboard: JavaFX cannot start: " + e.getMessage()
                    + "\n  Is a display available, and are the GTK/GL libraries installed (scripts/install-deps.sh)?"
                    + "\n  Headless commands work without a display: envboard --help");
            return 2;
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ui.get() != null) {
            ui.get().awaitStateSaved(STATE_SAVE_TIMEOUT).ifPresent(problem -> err.println("envboard: " + problem));
            ui.get().close();
        }
        Platform.exit();
        if (failure.get() != null) {
            err.println("envboard: the window could not be built: " + failure.get());
            return 1;
        }
        return 0;
    }

    /** JavaFX only says "Unable to open DISPLAY" deep in a stack trace; say it first, plainly. */
    private String displayProblem() {
        if ("Monocle".equals(System.getProperty("glass.platform"))) {
            return null;
        }
        boolean hasDisplay = notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
        return hasDisplay ? null
                : "no graphical display (DISPLAY is not set). Run Envboard in a desktop session, or under Xvfb;"
                + " headless commands work without one: envboard --help";
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
