package dev.envboard.deploy.watch;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.envboard.deploy.Naming;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.docker.EventFeed;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pool's deploys, followed live. The records are Swarm configs or standalone volumes, so the
 * engines' config and volume events say when one is written or removed (and service or container
 * events when a deploy creates or removes what it runs); each burst of events leads to one listing
 * of the records, compared with the last one. A listing every {@code every} catches what an event
 * stream missed, and one follows each reconnect.
 */
public final class DeployFeed implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeployFeed.class.getName());
    /** Events within this time lead to one listing. */
    static final long COALESCE_MS = 100;
    private static final Set<String> CREATED_OR_REMOVED = Set.of("create", "remove", "destroy");

    /** Hears the pool's deploys; called on the feed's threads, one call at a time. Must not block for long. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param listing the deploys as the pool holds them now: the first listing, then each that changed
         * @param events  what happened since the previous listing, oldest first (none for the first)
         */
        void update(DeployListing listing, List<DeployEvent> events);
    }

    private final PoolSpec pool;
    private final Supplier<DeployListing> lister;
    private final DockerClients clients;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final Duration every;
    private final Listener listener;
    private final DeployChanges changes = new DeployChanges();
    private final List<EventFeed> feeds = new ArrayList<>();
    private final Object lock = new Object();
    private boolean scheduled;
    private boolean listing;
    private boolean again;
    private boolean closed;
    private ScheduledFuture<?> periodic;
    private DeployListing last;

    DeployFeed(PoolSpec pool, Supplier<DeployListing> lister, DockerClients clients, ScheduledExecutorService timer,
               Executor io, Duration every, Listener listener) {
        this.pool = pool;
        this.lister = lister;
        this.clients = clients;
        this.timer = timer;
        this.io = io;
        this.every = every;
        this.listener = listener;
    }

    void start() {
        request();
        boolean swarm = pool.kind() != PoolKind.STANDALONE;
        List<EventType> types = swarm ? List.of(EventType.CONFIG, EventType.SERVICE) : List.of(EventType.VOLUME, EventType.CONTAINER);
        for (EndpointSpec endpoint : pool.endpoints()) {
            try {
                // Only records and deploy objects being created or removed matter here (see signalsADeploy).
                EventFeed feed = new EventFeed(clients.events(endpoint), clients.quick(endpoint), types, List.copyOf(CREATED_OR_REMOVED), timer, io, new EventFeed.Listener() {
                    @Override
                    public void onEvent(Event event) {
                        if (signalsADeploy(event)) {
                            request();
                        }
                    }

                    @Override
                    public void onState(EventFeed.State state, String detail) {
                        if (state == EventFeed.State.LIVE) {
                            request(); // back after a lost stream: what did we miss?
                        }
                    }
                });
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    feeds.add(feed);
                }
                feed.start();
            } catch (RuntimeException refused) {
                // A refused endpoint (TLS files missing) leaves the periodic listing, which says it is unreachable.
                LOG.log(Level.FINE, "no event stream from " + endpoint + " for the deploys of " + pool.name(), refused);
            }
        }
        try {
            synchronized (lock) {
                if (!closed) {
                    periodic = timer.scheduleWithFixedDelay(this::request, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (RejectedExecutionException shuttingDown) {
            // The app closed while this feed was starting (a start held back until the window's first look).
            close();
        }
    }

    /** A record written or removed, or what a deploy runs created or removed. */
    static boolean signalsADeploy(Event event) {
        if (event.getType() == null || event.getAction() == null || !CREATED_OR_REMOVED.contains(event.getAction())) {
            return false;
        }
        return switch (event.getType()) {
            case CONFIG, VOLUME, SERVICE -> true;
            case CONTAINER -> {
                Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
                yield attributes != null && attributes.containsKey(Naming.DEPLOY_ID);
            }
            default -> false;
        };
    }

    /** Asks for a listing soon; bursts coalesce, and a listing never overlaps another. */
    private void request() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (listing) {
                again = true;
                return;
            }
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        try {
            timer.schedule(() -> runOnIo(this::relist), COALESCE_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            close();
        }
    }

    private void runOnIo(Runnable task) {
        try {
            io.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            close();
        }
    }

    private void relist() {
        synchronized (lock) {
            scheduled = false;
            if (closed) {
                return;
            }
            listing = true;
            again = false;
        }
        boolean repeat;
        try {
            DeployListing now = lister.get();
            List<DeployEvent> events = changes.next(now.entries());
            if (last == null || !events.isEmpty() || !now.equals(last)) {
                last = now;
                listener.update(now, events);
            }
        } catch (RuntimeException e) {
            // The next event or the periodic listing tries again; the listing itself names what does not answer.
            LOG.log(Level.WARNING, "listing the deploys of " + pool.name() + " failed", e);
        } finally {
            synchronized (lock) {
                listing = false;
                repeat = again && !closed;
            }
        }
        if (repeat) {
            request();
        }
    }

    @Override
    public void close() {
        List<EventFeed> toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(feeds);
            feeds.clear();
            if (periodic != null) {
                periodic.cancel(false);
            }
        }
        toClose.forEach(EventFeed::close);
    }
}
