package dev.envboard.cli;

import dev.envboard.deploy.history.Downtime;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.deploy.watch.DeployEvent;
import dev.envboard.deploy.watch.DeployFeed;
import dev.envboard.deploy.watch.DeployListing;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code envboard deploys}: every deploy of the pools' environments, whoever ran it; or a live stream of them. */
@Command(name = "deploys", mixinStandardHelpOptions = true,
        description = {"The deploys of every environment, whoever ran them: another Envboard, a CI job, this machine.",
                "Read from the pool's deploy records (the 20 newest of each environment) and this machine's history.",
                "With --watch, prints one JSON object a line for each deploy that starts or ends, until Ctrl+C.",
                "Exit status 1 when some of a pool could not be read (what was read is printed)."})
final class DeploysCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** How often --watch lists the records besides the engines' events (an event stream can miss one). */
    static final Duration WATCH_LISTING = Duration.ofSeconds(15);
    /** How long Ctrl+C waits for the event streams to close before the JVM exits anyway. */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Option(names = "--env", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--watch", description = {"Stream deploy events (started, succeeded, failed, cancelled, refused) as JSON",
            "lines until Ctrl+C: event, pool, environment, deployId, user, result, time, and more."})
    boolean watch;

    @Option(names = "--last", paramLabel = "N", defaultValue = "50", description = "At most N deploys, newest first (default 50).")
    int last;

    @Override
    public Integer call() throws InterruptedException {
        try (Services context = parent.openContext()) {
            List<PoolSpec> pools = selection.select(context.pools());
            return watch ? watch(context, pools) : list(context, pools);
        }
    }

    private int list(Services context, List<PoolSpec> pools) {
        List<DeployEntry> entries = new ArrayList<>();
        boolean whole = true;
        for (PoolSpec pool : pools) {
            DeployListing listing = context.poolDeploys().list(pool);
            whole &= reportGaps(listing);
            listing.entries().stream().filter(this::shown).forEach(entries::add);
        }
        entries.sort(dev.envboard.deploy.watch.DeployEntries.NEWEST_FIRST);
        List<DeployEntry> shown = entries.subList(0, Math.min(Math.max(0, last), entries.size()));
        if (json) {
            Json.print(parent.out(), shown.stream().map(DeployJson.Deploy::of).toList());
        } else {
            TextTable table = new TextTable("POOL", "ENVIRONMENT", "ID", "STARTED", "WHO", "RESULT", "TOOK", "DOWNTIME", "CHANGES");
            for (DeployEntry e : shown) {
                table.add(e.pool(), e.environment(), e.id(), e.startedAt() == null ? "" : TIME.format(e.startedAt()), e.who(),
                        e.status().label() + (e.record().rollbackFrom() == null ? "" : " (back to " + e.record().rollbackFrom() + ")"),
                        e.durationMillis() == null ? "" : Downtime.describe(e.durationMillis()),
                        e.record().downtimeMillis() == null ? "" : Downtime.describe(e.record().downtimeMillis()),
                        e.changesSummary());
            }
            table.print(parent.out());
        }
        return whole ? 0 : 1;
    }

    private boolean shown(DeployEntry entry) {
        return environment == null || environment.equals(entry.environment());
    }

    /** Says on stderr what could not be read; false when something was missing. */
    private boolean reportGaps(DeployListing listing) {
        listing.unreachable().forEach((place, why) -> parent.err().println("envboard: " + listing.pool()
                + ": the deploy records on " + place + " could not be read: " + why));
        listing.unreadable().forEach(problem -> parent.err().println("envboard: " + listing.pool() + ": skipped: " + problem));
        parent.err().flush();
        return listing.unreachable().isEmpty();
    }

    /** One feed per pool; events are printed as they come, one JSON object a line, until Ctrl+C. */
    private int watch(Services context, List<PoolSpec> pools) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch listed = new CountDownLatch(pools.size());
        Object printing = new Object();
        List<DeployFeed> feeds = new ArrayList<>();
        // Ctrl+C: the JVM exits once this hook returns, so it never waits long on a stream's close.
        Thread stopOnInterrupt = new Thread(() -> {
            stopped.countDown();
            // The flush too: a writer held by a thread that is stuck must not hold up the exit.
            Thread closer = new Thread(() -> {
                synchronized (feeds) {
                    feeds.forEach(DeployFeed::close);
                }
                parent.out().flush();
            }, "envboard-deploys-close");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "envboard-deploys-stop");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            for (PoolSpec pool : pools) {
                boolean[] first = {true};
                DeployFeed feed = context.poolDeploys().watch(pool, WATCH_LISTING, (listing, events) -> {
                    synchronized (printing) {
                        if (first[0]) {
                            first[0] = false;
                            reportGaps(listing);
                            listed.countDown();
                        }
                        events.stream().filter(e -> shown(e.entry())).forEach(e -> Json.line(parent.out(), DeployJson.Event.of(e)));
                    }
                });
                synchronized (feeds) {
                    feeds.add(feed);
                }
            }
            // Said once every pool was listed: a deploy that starts from now on is streamed.
            if (listed.await(60, TimeUnit.SECONDS)) {
                parent.err().println("envboard: watching the deploys of " + pools.stream().map(PoolSpec::name)
                        .collect(Collectors.joining(", ")) + (environment == null ? "" : " (" + environment + ")")
                        + "; Ctrl+C stops");
            } else {
                parent.err().println("envboard: some pools did not answer within 60 s; watching anyway; Ctrl+C stops");
            }
            parent.err().flush();
            stopped.await();
            return 0;
        } finally {
            synchronized (feeds) {
                feeds.forEach(DeployFeed::close);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now
            }
        }
    }
}
