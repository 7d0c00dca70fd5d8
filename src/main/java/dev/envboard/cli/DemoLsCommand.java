package dev.envboard.cli;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoExpiry;
import dev.envboard.demo.DemoHost;
import dev.envboard.demo.DemoListing;
import dev.envboard.demo.EntryPoint;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo ls}: the demos the pools record, whoever launched them. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List the demos the pools record (from the pools themselves: what every Envboard sees): owner,",
                "customer, template, created, expires, time left, state and entry points. An expired demo is only",
                "listed, never removed: tear it down, extend it or keep it. Exit 1 when a pool's records could not all",
                "be read (the list may miss demos)."})
final class DemoLsCommand implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Mixin
    PoolSelection selection;

    @Option(names = "--expired", description = "Only the expired demos (not kept), e.g. for a script that reminds their owners.")
    boolean expiredOnly;

    @Option(names = "--json", description = "Print them as JSON on stdout.")
    boolean json;

    /** One demo as the JSON output shows it: the record, plus what its expiry means now. */
    record Entry(String pool, String environment, String owner, String customer, String template, Instant created,
                 Instant expires, Instant latestExpiry, boolean keep, boolean expired, long secondsLeft, String timeLeft,
                 String state, List<DemoHost> hosts, Map<String, String> variables, List<EntryPoint> entryPoints, List<String> left,
                 String problem) {
        static Entry of(Demo d, DemoExpiry expiry) {
            return new Entry(d.pool(), d.environment(), d.owner(), d.customer(), d.template(), d.created(), d.expires(),
                    d.latestExpiry(), d.keep(), expiry.isExpired(d), expiry.timeLeft(d).getSeconds(), expiry.describe(d),
                    d.state().key(), d.hosts(), d.variables(), d.entryPoints(), d.left(), d.problem());
        }
    }

    @Override
    public Integer call() {
        EnvboardCommand root = demo.parent;
        PrintWriter out = root.out();
        try (Services context = root.openContext()) {
            DemoExpiry expiry = context.demoService().expiry();
            List<Entry> entries = new ArrayList<>();
            boolean incomplete = false;
            for (PoolSpec pool : selection.select(context.pools())) {
                DemoListing listing = context.demoService().list(pool);
                for (String problem : listing.problems()) {
                    root.err().println("envboard: pool " + pool.name() + ": " + problem);
                    incomplete = true;
                }
                listing.demos().stream().filter(d -> !expiredOnly || expiry.isExpired(d)).forEach(d -> entries.add(Entry.of(d, expiry)));
            }
            if (json) {
                Json.print(out, entries);
            } else {
                TextTable table = new TextTable("ENVIRONMENT", "POOL", "OWNER", "CUSTOMER", "TEMPLATE", "CREATED", "EXPIRES", "TIME LEFT",
                        "STATE", "ENTRY POINTS");
                for (Entry e : entries) {
                    table.add(e.environment(), e.pool(), e.owner(), e.customer(), e.template(), e.created().toString(),
                            e.expires().toString(), e.timeLeft(), e.state() + (e.expired() ? ", expired" : ""),
                            String.join(" ", e.entryPoints().stream().filter(p -> p.url() != null).map(EntryPoint::url).toList()));
                }
                table.print(out);
                for (Entry e : entries) {
                    if (e.expired()) {
                        out.println(e.environment() + " has expired: `envboard demo teardown " + e.environment() + "`, or extend or keep it");
                    }
                    if (!e.left().isEmpty()) {
                        out.println(e.environment() + " is stuck; left: " + String.join("; ", e.left()) + " (`envboard demo cleanup "
                                + e.environment() + "`)");
                    }
                }
                out.flush();
            }
            return incomplete ? 1 : 0;
        } catch (IllegalArgumentException e) {
            root.err().println("envboard: " + e.getMessage());
            return 2;
        }
    }
}
