package dev.envboard;

import dev.envboard.cli.Cli;
import dev.envboard.ui.GuiLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/** Entry point: the window without a subcommand, the headless CLI with one. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        configureLogging();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = new Cli(System.getenv(), new GuiLauncher(System.getenv(), err)).run(out, err, args);
        System.exit(code);
    }

    private static void configureLogging() {
        try (InputStream config = Main.class.getResourceAsStream("logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("envboard: logging configuration not loaded: " + e.getMessage());
        }
    }
}
