package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.Downtime;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.Protection;
import java.util.List;
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
        description = {"Redeploy an environment from its compose stack: validate, resolve every image to a digest and",
                "pull it on every host that may run it, then remove all of it, wait until gone, deploy fresh",
                "(pinned to the digests) in depends_on order, wait until every replica runs (and is healthy).",
                "Progress goes to stderr. Exit status 0 only when everything runs; 1 when it failed or was",
                "cancelled (Ctrl+C), 3 when it was refused before anything changed (invalid stack, missing image,",
                "an image its registry does not resolve, a pull that failed on a host,",
                "a host that does not answer, another redeploy of the environment running, a check that could",
                "not run and was not accepted: at a terminal you are asked, elsewhere give --accept-unchecked;",
                "or a protected environment without --confirm NAME).",
                "A run whose record could not be written to the deploy history exits 1 too."})
final class RedeployCommand implements Callable<Integer> {
    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment to redeploy.")
    String environment;

    @Option(names = "--json", description = "Print the recorded run as JSON on stdout.")
    boolean json;

    static final String ACCEPT_UNCHECKED = "--accept-unchecked";

    @Option(names = "--pull", paramLabel = "always|missing|never", converter = PullPolicyConverter.class,
            description = {"Pull policy for every service, over the stack's pull_policy. always: resolve each tag to a",
                    "digest in its registry and pull it on every host before anything is removed; missing: pull",
                    "only where a host lacks the image; never: no registry contact, the images must be on the hosts.",
                    "Without it: each service's pull_policy, and always where it has none."})
    PullPolicy pull;

    @Option(names = "--from", paramLabel = "DEPLOY_ID",
            description = {"Roll back: redeploy exactly the image digests deploy DEPLOY_ID recorded (see the deploy",
                    "history), on the current stack. A service recorded without a digest runs its recorded image as",
                    "the hosts have it. Refused for an unknown id, another environment's record, a record without",
                    "versions, or a service the record does not know. Not with --pull."})
    String from;

    @Option(names = ACCEPT_UNCHECKED, description = {"Redeploy even where a check could not run (e.g. images on a Swarm node",
            "without an engines: endpoint). The skipped checks are listed first and recorded. Without it, they",
            "are asked about at a terminal; elsewhere the redeploy is refused (exit 3)."})
    boolean acceptUnchecked;

    static final String CONFIRM = "--confirm";

    @Option(names = CONFIRM, paramLabel = "NAME", description = {"The environment's name, typed again: needed for an environment",
            "pools.yaml lists under protected: (without it, or with another name, the redeploy is refused, exit 3)."})
    String confirm;

    @Override
    public Integer call() {
        if (from != null && pull != null) {
            parent.err().println("envboard: --from redeploys the recorded digests; it does not take --pull");
            return 2;
        }
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
            // Without the protected environment's name nothing is asked: the run refuses it, and says how to confirm.
            List<SkippedCheck> accepted = Protection.allows(pool, environment, confirm) ? acceptSkippedChecks(context, pool) : List.of();
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            DeployRecord record;
            try {
                ConsoleDeployListener listener = new ConsoleDeployListener(parent.err());
                record = from != null
                        ? context.redeployService().redeployFrom(pool, environment, from, accepted, confirm, listener, cancel)
                        : context.redeployService().redeploy(pool, environment, pull, accepted, confirm, listener, cancel);
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
                parent.out().println(environment + ": " + record.result()
                        + (record.rollbackFrom() == null ? "" : " (rollback to deploy " + record.rollbackFrom() + ")")
                        + " in " + record.durationMillis() + " ms"
                        + (record.succeeded() && record.downtimeMillis() != null ? ", downtime " + Downtime.describe(record.downtimeMillis()) : "")
                        + (record.error() == null ? "" : "\n" + record.error()));
                if (record.succeeded()) {
                    record.describeVersions().forEach(line -> parent.out().println("  " + line));
                }
                record.skippedChecks().forEach(check -> parent.out().println("skipped check: " + check.describe()));
            }
            if (record.skippedChecks().stream().anyMatch(check -> !check.accepted())) {
                parent.err().println("envboard: checks that could not run were not accepted; review them above and confirm at a "
                        + "terminal, or give " + ACCEPT_UNCHECKED + " to redeploy without them");
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

    /**
     * Checks that could not run are accepted only as listed: with the flag, or at the terminal's
     * prompt. Otherwise none is, and the run refuses (recorded, exit 3).
     */
    private List<SkippedCheck> acceptSkippedChecks(Services context, PoolSpec pool) {
        ValidationReport report = from != null ? context.redeployService().checkFrom(pool, environment, from)
                : context.redeployService().check(pool, environment, pull);
        if (!report.refused() && !report.changes().isEmpty()) {
            parent.err().println("envboard: what changes in " + environment + ":");
            report.changes().forEach(change -> parent.err().println("  " + change));
            parent.err().flush();
        }
        if (report.refused() || report.skipped().isEmpty()) {
            return List.of(); // the run says why it is refused, or there is nothing to accept
        }
        parent.err().println("envboard: " + report.skipped().size() + " check(s) of " + environment + " could not run:");
        report.skipped().forEach(check -> parent.err().println("  " + check.describe()));
        parent.err().flush();
        if (acceptUnchecked) {
            parent.err().println("envboard: accepted by " + ACCEPT_UNCHECKED);
            return report.skipped();
        }
        return parent.prompt().confirm("Redeploy " + environment + " without these checks?") ? report.skipped() : List.of();
    }

    /** picocli's own message for a bad value names the option; ours says which words it takes. */
    static final class PullPolicyConverter implements picocli.CommandLine.ITypeConverter<PullPolicy> {
        @Override
        public PullPolicy convert(String value) {
            try {
                return PullPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
