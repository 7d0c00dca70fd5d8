package dev.envboard.cli;

import dev.envboard.deploy.CancelToken;
import dev.envboard.demo.TeardownResult;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo teardown ENV}: remove it all and give the hosts back. */
@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Tear a demo down: remove its stack and wait until it is really gone, return its hosts to",
                "Unassigned (audited), remove its record, then check that nothing is left. Anything left (a container,",
                "a network, a label) marks it stuck, naming each thing (exit 1); `demo cleanup` retries."})
final class DemoTeardownCommand implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The demo's environment, e.g. demo-acme.")
    String environment;

    @Override
    public Integer call() {
        return run(demo.parent, selection, environment, false);
    }

    static int run(EnvboardCommand root, PoolSelection selection, String environment, boolean cleanup) {
        try (Services context = root.openContext()) {
            PoolSpec pool = DemoPools.withDemo(context, selection.select(context.pools()), environment);
            ConsoleDemoListener listener = new ConsoleDemoListener(root.err());
            TeardownResult result = cleanup ? context.demoService().cleanup(pool, environment, listener, new CancelToken())
                    : context.demoService().teardown(pool, environment, listener, new CancelToken());
            (result.done() ? root.out() : root.err()).println(result.done() ? result.message() : "envboard: " + result.message());
            root.out().flush();
            return switch (result.outcome()) {
                case DONE -> 0;
                case STUCK -> 1;
                case REFUSED -> DemoCommand.REFUSED;
            };
        } catch (IllegalArgumentException e) {
            root.err().println("envboard: " + e.getMessage());
            return DemoCommand.REFUSED;
        }
    }
}
