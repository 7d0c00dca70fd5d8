package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.PoolSpec;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard redeploy ENV}: the one-click redeploy, for a CI job. */
@Command(name = "redeploy", mixinStandardHelpOptions = true,
        description = {"Redeploy an environment from its compose stack: validate, remove all of it, wait until gone,",
                "deploy fresh in depends_on order, wait until every replica runs (and is healthy).",
                "Progress goes to stderr. Exit status 0 only when everything runs; 1 when it failed or was",
                "cancelled (Ctrl+C), 3 when it was refused before anything changed (invalid stack, missing image,",
                "another redeploy of the environment running). A run whose record could not be written to the",
                "deploy history exits 1 too."})
final class RedeployCommand implements Callable<Integer> {
    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment to redeploy.")
    String environment;

    @Option(names = "--json", description = "Print the recorded run as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        try (Services context = parent.openContext()) {
            PoolSpec pool = PoolForEnvironment.find(context, selection.select(context.pools()), environment);
            CancelToken cancel = new CancelToken();
            CountDownLatch finished = new CountDownLatch(1);
            // Ctrl+C cancels cleanly: the run stops at its next check and says what state it left.
            Thread onInterrupt = new Thread(() -> {
                cancel.cancel();
                try {
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "envboard-cancel-redeploy");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            DeployRecord record;
            try {
                record = context.redeployService().redeploy(pool, environment, new ConsoleDeployListener(parent.err()), cancel);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it ends with us
                }
            }
            if (json) {
                Json.print(parent.out(), record);
            } else {
                parent.out().println(environment + ": " + record.result() + " in " + record.durationMillis() + " ms"
                        + (record.error() == null ? "" : "\n" + record.error()));
            }
            return switch (record.result()) {
                case DeployRecord.SUCCEEDED -> 0;
                case DeployRecord.REFUSED -> 3;
                default -> 1;
            };
        } catch (IllegalArgumentException e) {
            parent.err().println("envboard: " + e.getMessage());
            return 2;
        }
    }
}
