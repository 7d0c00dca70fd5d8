package dev.envboard.ui;

import dev.envboard.app.AppContext;
import dev.envboard.ui.shell.UiStateStore;
import dev.envboard.ui.common.Theme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on a given pools file, with its own state dir, as the UI tests open it. */
final class UiHarness implements AutoCloseable {
    private final Path stateDir;
    private final AppContext context;
    private final EnvboardUi ui;

    private UiHarness(Path stateDir, AppContext context, EnvboardUi ui) {
        this.stateDir = stateDir;
        this.context = context;
        this.ui = ui;
    }

    /** Call from a TestFX {@code @Start} method (on the FX thread). */
    static UiHarness show(Stage stage, Path poolsFile, Path stateDir) {
        return show(stage, poolsFile, stateDir, null);
    }

    /** As {@link #show(Stage, Path, Path)}, with the demos' links opened and copied through {@code links} (null: the desktop's). */
    static UiHarness show(Stage stage, Path poolsFile, Path stateDir, dev.envboard.ui.demo.Links links) {
        Map<String, String> env = Map.of("XDG_STATE_HOME", stateDir.toString(), "XDG_CONFIG_HOME", stateDir.toString());
        AppContext context = AppContext.create(poolsFile, env);
        UiStateStore store = new UiStateStore(stateDir, context.notices());
        EnvboardUi ui = new EnvboardUi(context, Platform::runLater, store, store.load(), new Theme(Map.of()));
        if (links != null) {
            ui.useLinks(links);
        }
        ui.show(stage);
        return new UiHarness(stateDir, context, ui);
    }

    static Path newStateDir() throws IOException {
        return Files.createTempDirectory("envboard-ui-test");
    }

    /** Reads what the FX thread owns (lists, properties, nodes) there, for an assertion. */
    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The services behind the window: a test deploys through them as the window would, and it shows the records. */
    AppContext context() {
        return context;
    }

    Path stateDir() {
        return stateDir;
    }

    /** Waits for the window state saves (they run off the FX thread); empty when the state is on disk. */
    Optional<String> awaitStateSaved() {
        return ui.awaitStateSaved(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        ui.close();
        context.close();
    }
}
