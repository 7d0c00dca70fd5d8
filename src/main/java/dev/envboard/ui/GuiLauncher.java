package dev.envboard.ui;

import dev.envboard.services.Services;
import dev.envboard.ui.shell.UiState;
import dev.envboard.ui.shell.UiStateStore;
import dev.envboard.ui.common.Theme;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        // The toolkit (GTK, GL, fonts) and the services (pools.yaml, Docker clients) start side by side.
        CompletableFuture<Services> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(services.open(configFile));
            } catch (RuntimeException | Error e) {
                opening.completeExceptionally(e);
            }
        }, "envboard-open");
        opener.setDaemon(true);
        opener.start();
        try {
            Platform.startup(() -> { });
        } catch (RuntimeException | Error e) {
            opening.thenAccept(Services::close);
            err.println("envboard: JavaFX cannot start: " + e.getMessage()
                    + "\n  Is a display available, and are the GTK/GL libraries installed (scripts/install-deps.sh)?"
                    + "\n  Headless commands work without a display: envboard --help");
            return 2;
        }
        try (Services context = opened(opening)) {
            context.pools().problems().forEach(err::println);
            return showWindow(context);
        } finally {
            Platform.exit();
        }
    }

    private static Services opened(CompletableFuture<Services> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private int showWindow(Services context) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<EnvboardUi> ui = new AtomicReference<>();
        // Read here, off the FX thread: it must not wait on the disk.
        UiStateStore stateStore = new UiStateStore(context.paths().stateDir(), context.notices());
        UiState state = stateStore.load();
        boolean probe = "1".equals(env.get(StartupProbe.ENV));
        // Built here (it holds no node yet), so that the pools are asked while the FX thread builds the window.
        EnvboardUi created;
        try {
            created = new EnvboardUi(context, Platform::runLater, stateStore, state, new Theme(env));
        } catch (RuntimeException | Error e) {
            err.println("envboard: the window could not be built: " + e);
            return 1;
        }
        ui.set(created);
        Platform.runLater(() -> {
            try {
                nameTheApplication();
                Stage stage = new Stage();
                stage.setOnHidden(e -> closed.countDown());
                created.show(stage);
                if (probe) {
                    StartupProbe.attach(stage.getScene(), err);
                }
                if ("1".equals(env.get(BenchProbe.ENV))) {
                    BenchProbe.attach(stage.getScene(), created.boardColumns(), env, err);
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
                closed.countDown();
            }
        });
        // After queuing the window (the FX thread takes it first): opening the event streams and TLS
        // clients takes a while, and it runs on an I/O thread while the window is built.
        context.executors().io().execute(created::watchPoolsEarly);
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ui.get() != null) {
            ui.get().awaitStateSaved(STATE_SAVE_TIMEOUT).ifPresent(problem -> err.println("envboard: " + problem));
            ui.get().close();
        }
        if (failure.get() != null) {
            err.println("envboard: the window could not be built: " + failure.get());
            return 1;
        }
        return 0;
    }

    /**
     * The window's class (WM_CLASS) is "java" unless glass is told a name before the first window:
     * desktops match windows to their menu entry (StartupWMClass=envboard) and dock icon by it.
     * Glass has no public API for it; without the export (a test's class path) the name stays.
     */
    private static void nameTheApplication() {
        try {
            com.sun.glass.ui.Application.GetApplication().setName("envboard");
        } catch (RuntimeException | LinkageError e) {
            // cosmetic only: the window works under any class name
        }
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
