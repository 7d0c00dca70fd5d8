package dev.envboard.deploy.watch;

import dev.envboard.deploy.history.DeployRecords;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecord;
import dev.envboard.pool.records.PoolRecords;
import dev.envboard.pool.records.RecordListing;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The deploys of every environment of a pool, whoever ran them: the pool's deploy records (any
 * Envboard's, any CI job's) merged with this machine's history; and a live feed of them.
 */
public final class PoolDeploys {
    /** A record that still says "running" this long after its start lost its end (the process died). */
    public static final Duration STALE_AFTER = Duration.ofHours(2);
    /** This machine's history is read this far back for the merge. */
    static final int LOCAL_READ = 1000;

    private final PoolRecords records;
    private final DeployRecords local;
    private final DockerClients clients;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final Clock clock;

    public PoolDeploys(PoolRecords records, DeployRecords local, DockerClients clients, ScheduledExecutorService timer,
                       Executor io, Clock clock) {
        this.records = records;
        this.local = local;
        this.clients = clients;
        this.timer = timer;
        this.io = io;
        this.clock = clock;
    }

    /** Merged with this machine's history, newest first. Blocking: engine calls and the history file. */
    public DeployListing list(PoolSpec pool) {
        OffFxThread.check("PoolDeploys.list");
        DeployListing shared = fromPool(pool);
        return new DeployListing(pool.name(), DeployEntries.merge(pool.name(), shared.entries(), local.recent(LOCAL_READ)),
                shared.unreachable(), shared.unreadable());
    }

    /** Only what the pool holds, newest first. Blocking: engine calls. */
    public DeployListing fromPool(PoolSpec pool) {
        RecordListing listing = records.list(pool, DeployFields.KIND);
        List<DeployEntry> entries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (PoolRecord record : listing.records()) {
            try {
                entries.add(DeployFields.entry(record, pool.name(), clock.instant(), STALE_AFTER));
            } catch (IllegalArgumentException e) {
                unreadable.add(e.getMessage());
            }
        }
        entries.sort(DeployEntries.NEWEST_FIRST);
        return new DeployListing(pool.name(), entries, listing.unreachable(), unreadable);
    }

    /**
     * Follows the pool's deploys: engine events of records written and removed (and of services or
     * containers of a deploy), and a listing every {@code every} in case an event was missed. The
     * listener hears the first listing, then every listing that changed, with the events it
     * implies, on the feed's threads one at a time. Close the feed to stop.
     */
    public DeployFeed watch(PoolSpec pool, Duration every, DeployFeed.Listener listener) {
        DeployFeed feed = new DeployFeed(pool, () -> fromPool(pool), clients, timer, io, every, listener);
        feed.start();
        return feed;
    }
}
