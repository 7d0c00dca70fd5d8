package dev.envboard.cli;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoException;
import dev.envboard.demo.template.DemoDuration;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo extend ENV --by 1d}: later expiry, up to the template's maximum lifetime. */
@Command(name = "extend", mixinStandardHelpOptions = true,
        description = {"Move a demo's expiry later: --by DURATION (from its expiry, or from now once it passed) or --until",
                "TIME. Never past its creation plus the template's maximum lifetime (refused, exit 3: keep it instead)."})
final class DemoExtendCommand implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "ENV", description = "The demo's environment, e.g. demo-acme.")
    String environment;

    @ArgGroup(multiplicity = "1")
    When when;

    static final class When {
        @Option(names = "--by", paramLabel = "DURATION", description = "e.g. 1d, 12h, 1d12h.")
        String by;

        @Option(names = "--until", paramLabel = "TIME", description = "An ISO time, e.g. 2026-12-24T18:00:00Z.")
        String until;
    }

    @Override
    public Integer call() {
        EnvboardCommand root = demo.parent;
        Duration by = null;
        Instant until = null;
        try {
            if (when.by != null) {
                by = DemoDuration.parse(when.by);
            } else {
                until = Instant.parse(when.until);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            root.err().println("envboard: " + (e instanceof DateTimeParseException ? "not an ISO time: \"" + when.until
                    + "\" (e.g. 2026-12-24T18:00:00Z)" : e.getMessage()));
            return 2;
        }
        try (Services context = root.openContext()) {
            PoolSpec pool = DemoPools.withDemo(context, selection.select(context.pools()), environment);
            Demo extended = by != null ? context.demoService().extend(pool, environment, by)
                    : context.demoService().extendUntil(pool, environment, until);
            root.out().println(environment + " now expires " + extended.expires() + " (in "
                    + context.demoService().expiry().describe(extended) + "; at most until " + extended.latestExpiry() + ")");
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
