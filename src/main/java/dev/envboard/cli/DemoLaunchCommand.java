package dev.envboard.cli;

import dev.envboard.deploy.CancelToken;
import dev.envboard.demo.DemoListener;
import dev.envboard.demo.EntryPoint;
import dev.envboard.demo.LaunchRequest;
import dev.envboard.demo.LaunchResult;
import dev.envboard.demo.TeardownResult;
import dev.envboard.demo.template.DemoDuration;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo launch TEMPLATE --customer acme}: a demo on free hosts, its links on stdout. */
@Command(name = "launch", mixinStandardHelpOptions = true,
        description = {"Launch a demo from a template on free hosts (Unassigned): the environment demo-CUSTOMER, its hosts",
                "labelled (audited), deployed through the redeploy run (registry pull included). Everything is checked",
                "first: too few free hosts, a bad value or a name already taken change nothing (exit 3). Prints the",
                "entry points as links. A launch that fails after its hosts were labelled says what is left (exit 1)",
                "and, at a terminal, offers the teardown."})
final class DemoLaunchCommand implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The template (a folder of the pool's templates:).")
    String template;

    @Option(names = "--customer", required = true, paramLabel = "NAME", description = "Who the demo is for; names it demo-NAME.")
    String customer;

    @Option(names = "--hosts", paramLabel = "N", description = "How many free hosts to use (default: as many as the template needs).")
    int hostCount;

    @Option(names = "--on", paramLabel = "HOST", split = ",",
            description = "Launch on exactly these free hosts (hostname or Swarm node id), instead of picking.")
    List<String> on = new ArrayList<>();

    @Option(names = "--lifetime", paramLabel = "DURATION", description = "How long it lives, e.g. 3d, 12h, 30m (default: the template's).")
    String lifetime;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A value for one of the template's variables (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--accept-unchecked", description = "Launch even where a deploy check could not run (they are listed).")
    boolean acceptUnchecked;

    @Option(names = "--json", description = "Print the result (the demo, its entry points) as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        EnvboardCommand root = demo.parent;
        PrintWriter out = root.out();
        PrintWriter err = root.err();
        Duration life;
        Map<String, String> values = new LinkedHashMap<>();
        try {
            life = lifetime == null ? null : DemoDuration.parse(lifetime);
            for (String set : sets) {
                int eq = set.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set takes KEY=VALUE, not \"" + set + "\"");
                }
                values.put(set.substring(0, eq), set.substring(eq + 1));
            }
            if (hostCount < 0) {
                throw new IllegalArgumentException("--hosts takes a positive number");
            }
        } catch (IllegalArgumentException e) {
            err.println("envboard: " + e.getMessage());
            return 2;
        }
        try (Services context = root.openContext()) {
            PoolSpec pool = DemoPools.withTemplates(selection.select(context.pools()));
            List<HostKey> hosts = new ArrayList<>();
            for (String name : on) {
                hosts.add(HostLookup.find(context, List.of(pool), name).host().key());
            }
            DemoListener listener = new ConsoleDemoListener(err);
            LaunchResult result = context.demoService().launch(pool, new LaunchRequest(template, customer, hostCount, hosts, life,
                    values, acceptUnchecked), listener, new CancelToken());
            if (json) {
                Json.print(out, result);
            } else if (result.launched()) {
                out.println(result.demo().environment() + " launched for " + result.demo().customer() + " from " + result.demo().template()
                        + " on " + String.join(", ", result.demo().hosts().stream().map(h -> h.name()).toList())
                        + "; expires " + result.demo().expires() + " (in "
                        + context.demoService().expiry().describe(result.demo()) + ")");
                for (EntryPoint point : result.demo().entryPoints()) {
                    out.println("  " + point.title() + ": " + (point.url() == null ? "(not found running: " + point.target() + ")" : point.url()));
                }
            } else {
                err.println("envboard: " + result.message());
            }
            out.flush();
            if (result.outcome() == LaunchResult.Outcome.FAILED && result.teardownOffered()
                    && root.prompt().confirm("Tear down " + result.demo().environment() + " now?")) {
                TeardownResult teardown = context.demoService().teardown(pool, result.demo().environment(), listener, new CancelToken());
                err.println("envboard: " + teardown.message());
            }
            return switch (result.outcome()) {
                case LAUNCHED -> 0;
                case REFUSED -> DemoCommand.REFUSED;
                case FAILED -> 1;
            };
        } catch (IllegalArgumentException e) {
            err.println("envboard: " + e.getMessage());
            return 2;
        }
    }
}
