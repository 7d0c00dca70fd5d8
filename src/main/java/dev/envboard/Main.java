package dev.envboard;

import dev.envboard.app.Logging;
import dev.envboard.cli.Cli;
import dev.envboard.cli.Prompt;
import dev.envboard.ui.GuiLauncher;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: the window without a subcommand, the headless CLI with one. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = new Cli(System.getenv(), new GuiLauncher(System.getenv(), err), Prompt.console()).run(out, err, args);
        System.exit(code);
    }
}
