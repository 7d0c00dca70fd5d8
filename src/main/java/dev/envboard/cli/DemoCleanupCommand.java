package dev.envboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo cleanup ENV}: retry the teardown of a stuck demo. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Retry the teardown of a stuck (or failed) demo, e.g. once the engine that did not answer is back,",
                "and report what is left, if anything (exit 1 while something is)."})
final class DemoCleanupCommand implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The demo's environment, e.g. demo-acme.")
    String environment;

    @Option(names = RedeployCommand.CONFIRM, paramLabel = "NAME", description = "The environment's name, typed again: needed when it is protected.")
    String confirm;

    @Override
    public Integer call() {
        return DemoTeardownCommand.run(demo.parent, selection, environment, confirm, true);
    }
}
