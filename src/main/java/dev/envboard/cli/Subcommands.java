package dev.envboard.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The commands under {@code envboard}, in help order. Picocli builds a command's model by
 * reflection, which costs a short command most of its start-up; so a command line that names one
 * command gets only that one, and everything else (help, a typo, the window) gets them all.
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("nodes", NodesCommand::new);
        ALL.put("move", MoveCommand::new);
        ALL.put("redeploy", RedeployCommand::new);
        ALL.put("status", StatusCommand::new);
        ALL.put("ps", PsCommand::new);
        ALL.put("logs", LogsCommand::new);
        ALL.put("health", HealthCommand::new);
        ALL.put("demo", DemoCommand::new);
        ALL.put("deploys", DeploysCommand::new);
    }

    private Subcommands() {
    }

    static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * Adds the command {@code args} names; none when they only open the window; every command
     * otherwise (help, an unknown name or option: picocli's messages list them).
     */
    static void addTo(CommandLine root, String... args) {
        String named = commandName(args);
        if (named != null && ALL.containsKey(named)) {
            root.addSubcommand(named, ALL.get(named).get());
        } else if (named != null || !opensWindow(args)) {
            ALL.forEach((name, command) -> root.addSubcommand(name, command.get()));
        }
    }

    private static boolean opensWindow(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                i++;
            } else if (!args[i].equals("--sandbox") && !args[i].startsWith("--config=")) {
                return false;
            }
        }
        return true;
    }

    /** The first argument that is neither an option nor the value of {@code --config}. */
    static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                i++;
            } else if (arg.equals("--")) {
                return null;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
