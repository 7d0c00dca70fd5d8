package dev.envboard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo ...}: presales demos from templates, on free hosts, with a lifetime. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Presales demos: launched from a pool's templates (pools.yaml templates:) on free hosts, recorded in",
                "the pool itself (every Envboard sees the same), extended, kept, torn down until nothing is left.",
                "Exit status: 0 done; 1 failed (a launch or teardown that changed something and then failed; a stuck",
                "teardown); 3 refused before anything changed (bad template or values, too few free hosts, a name",
                "taken, past the maximum lifetime, no such demo); 2 a usage error."},
        subcommands = {DemoTemplatesCommand.class, DemoLaunchCommand.class, DemoLsCommand.class, DemoExtendCommand.class,
                DemoKeepCommand.class, DemoTeardownCommand.class, DemoCleanupCommand.class})
final class DemoCommand {
    static final int REFUSED = 3;

    @ParentCommand
    EnvboardCommand parent;
}
