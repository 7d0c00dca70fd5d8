package dev.envboard.cli;

import dev.envboard.services.Services;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs one command line; returns the exit code. */
public final class Cli {
    private final Map<String, String> env;
    private final Services.Opener services;
    private final GuiStarter gui;
    private final Prompt prompt;

    public Cli(Map<String, String> env, Services.Opener services, GuiStarter gui, Prompt prompt) {
        this.env = env;
        this.services = services;
        this.gui = gui;
        this.prompt = prompt;
    }

    /**
     * Answers {@code envboard --version} (what picocli would print) without building anything else:
     * scripts ask it often, and it should cost little more than starting the JVM.
     *
     * @return whether the command line was that question
     */
    public static boolean answerVersion(PrintWriter out, String... args) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return false;
        }
        for (String line : new EnvboardCommand.VersionProvider().getVersion()) {
            out.println(line);
        }
        out.flush();
        return true;
    }

    public int run(PrintWriter out, PrintWriter err, String... args) {
        EnvboardCommand root = new EnvboardCommand(env, services, gui, prompt);
        CommandLine commandLine = new CommandLine(root);
        Subcommands.addTo(commandLine, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("envboard: " + describe(error));
            return 1;
        });
        int code = commandLine.execute(args);
        if (code == 0 && root.writeFailures() > 0) {
            // What was asked for was done, but a record of it is missing: a script must not take that for success.
            err.println("envboard: exit status 1: " + (root.writeFailures() == 1 ? "a record" : root.writeFailures() + " records")
                    + " could not be written (see above)");
            err.flush();
            return 1;
        }
        return code;
    }

    private static String describe(Exception error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
