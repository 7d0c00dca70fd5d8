package dev.envboard.cli;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoException;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo keep ENV [--off]}: exempt a demo from expiry, or end that. */
@Command(name = "keep", mixinStandardHelpOptions = true,
        description = "Keep a demo: exempt it from expiry (never listed as expired, no reminders). --off ends that.")
final class DemoKeepCommand implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The demo's environment, e.g. demo-acme.")
    String environment;

    @Option(names = "--off", description = "Stop keeping it: it expires at its expiry again.")
    boolean off;

    @Override
    public Integer call() {
        EnvboardCommand root = demo.parent;
        try (Services context = root.openContext()) {
            PoolSpec pool = DemoPools.withDemo(context, selection.select(context.pools()), environment);
            Demo changed = context.demoService().keep(pool, environment, !off);
            root.out().println(environment + (changed.keep() ? " is kept: exempt from expiry"
                    : " is no longer kept: it expires " + changed.expires() + " (" + context.demoService().expiry().describe(changed) + ")"));
            root.out().flush();
            return 0;
        } catch (DemoException e) {
            root.err().println("envboard: " + e.getMessage());
            return e.refused() ? DemoCommand.REFUSED : 1;
        } catch (IllegalArgumentException e) {
            root.err().println("envboard: " + e.getMessage());
            return DemoCommand.REFUSED;
        }
    }
}
