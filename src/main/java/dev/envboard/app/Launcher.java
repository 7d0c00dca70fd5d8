package dev.envboard.app;

import dev.envboard.cli.Cli;
import dev.envboard.cli.Prompt;
import dev.envboard.services.Services;
import dev.envboard.ui.GuiLauncher;
import java.io.PrintWriter;
import java.util.Map;

/** Wires the two faces to the services: the command line, which opens the window when asked. */
public final class Launcher {
    private Launcher() {
    }

    /** Runs one command line (or the window); returns the process exit code. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        if (Cli.answerVersion(out, args)) {
            return 0;
        }
        Services.Opener services = configFile -> {
            // Here, not in main: setting up logging scans every jar for logging back ends (~0.1 s).
            Logging.configure();
            return AppContext.create(configFile, env);
        };
        // The window's classes (and JavaFX) load only when the window is asked for: a headless command runs without them.
        return new Cli(env, services, config -> new GuiLauncher(env, err, services).start(config), Prompt.console())
                .run(out, err, args);
    }
}
