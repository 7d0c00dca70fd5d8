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
        Services.Opener services = configFile -> AppContext.create(configFile, env);
        GuiLauncher gui = new GuiLauncher(env, err, services);
        return new Cli(env, services, gui::start, Prompt.console()).run(out, err, args);
    }
}
