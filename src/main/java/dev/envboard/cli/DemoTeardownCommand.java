package dev.envboard.cli;

import dev.envboard.deploy.CancelToken;
import dev.envboard.demo.TeardownResult;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo teardown ENV}: remove it all and give the hosts back. */
@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Tear a demo down: remove its stack and wait until it is really gone, return its hosts to",
                "Unassigned (audited), remove its record, then check that nothing is left. Anything left (a container,",
                "a network, a label) marks it stuck, naming each thing (exit 1); `demo cleanup` retries. A protected",
                "environment (pools.yaml protected:) needs --confirm with its name (exit 3 without)."})
final class DemoTeardownCommand implements Callable<Integer> {
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
        return run(demo.parent, selection, environment, confirm, false);
    }

    static int run(EnvboardCommand root, PoolSelection selection, String environment, String confirm, boolean cleanup) {
        try (Services context = root.openContext()) {
            PoolSpec pool = DemoPools.withDemo(context, selection.select(context.pools()), environment);
            ConsoleDemoListener listener = new ConsoleDemoListener(root.err());
            TeardownResult result = cleanup ? context.demoService().cleanup(pool, environment, confirm, listener, new CancelToken())
                    : context.demoService().teardown(pool, environment, confirm, listener, new CancelToken());
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
