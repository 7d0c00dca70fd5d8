package dev.envboard;

import dev.envboard.app.Launcher;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: the window without a subcommand, the headless CLI with one. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(Launcher.run(System.getenv(), out, err, args));
    }
}
