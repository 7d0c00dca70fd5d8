package dev.envboard.pool;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.docker.EventFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Turns a pool's engine events into refreshes, so changes made outside Envboard (a label set with
 * the CLI, a daemon.json reloaded by hand, a node going down) show without waiting for the next
 * periodic inspection. Bursts of events are coalesced into one refresh, which reads again only
 * what they can have changed ({@link PoolChange}).
 */
public final class PoolEventWatch implements AutoCloseable {
    static final long COALESCE_MS = 100;
    /** Container and daemon actions that change a standalone host's card. */
    static final List<String> STANDALONE_ACTIONS = List.of("reload", "create", "start", "die", "destroy", "pause", "unpause");

    /** Causes kept per refresh; a burst beyond them is only counted. */
    static final int MAX_CAUSES = 32;

    /** Why a refresh was asked for: an engine's event ("node update ID"), or its feed going away or coming back. */
    record Cause(String endpoint, String what) {
        static Cause of(EndpointSpec endpoint, Event event) {
            String actor = event.getActor() == null ? "?" : event.getActor().getId();
            return new Cause(endpoint.toString(), event.getType().getValue() + " " + event.getAction() + " " + actor);
        }
    }

    private final List<EventFeed> feeds = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final BiConsumer<PoolChange, List<Cause>> onChange;
    private final Object lock = new Object();
    private List<Cause> pending = new ArrayList<>();
    private PoolChange change;
    private int dropped;

    public PoolEventWatch(PoolSpec pool, DockerClients clients, ScheduledExecutorService timer, Executor io, Consumer<PoolChange> onChange) {
        this(pool, clients, timer, io, (change, causes) -> onChange.accept(change));
    }

    /** {@code onChange} is also told the causes of each refresh (tests assert them: a reconnect also asks for one). */
    PoolEventWatch(PoolSpec pool, DockerClients clients, ScheduledExecutorService timer, Executor io,
                   BiConsumer<PoolChange, List<Cause>> onChange) {
        this.timer = timer;
        this.onChange = onChange;
        boolean standalone = pool.kind() == PoolKind.STANDALONE;
        // Swarm managers report node and service changes for the whole cluster; standalone engines
        // report their own reloads (labels) and containers.
        List<EventType> types = standalone
                ? List.of(EventType.DAEMON, EventType.CONTAINER)
                : List.of(EventType.NODE, EventType.SERVICE, EventType.DAEMON);
        // A standalone card counts running containers and shows the daemon's labels: only these
        // actions change them (healthchecks' exec_* events would each cost a pool inspection).
        List<String> actions = standalone ? STANDALONE_ACTIONS : List.of();
        for (EndpointSpec endpoint : pool.endpoints()) {
            // A standalone engine's events change only its own card; a manager's may change any.
            PoolChange fromHere = standalone ? PoolChange.engines(Set.of(endpoint)) : PoolChange.whole();
            try {
                feeds.add(new EventFeed(clients.events(endpoint), clients.quick(endpoint), types, actions, timer, io, new EventFeed.Listener() {
                    @Override
                    public void onEvent(Event event) {
                        changed(Cause.of(endpoint, event), !standalone && event.getType() == EventType.NODE ? PoolChange.swarmNodes() : fromHere);
                    }

                    @Override
                    public void onState(EventFeed.State state, String detail) {
                        if (state == EventFeed.State.RECONNECTING || state == EventFeed.State.LIVE) {
                            // the engine went away or came back: look again
                            changed(new Cause(endpoint.toString(), state.name().toLowerCase() + (detail == null ? "" : ": " + detail)),
                                    fromHere);
                        }
                    }
                }));
            } catch (RuntimeException refused) {
                // A refused endpoint (TLS files missing) is reported by the inspection itself.
            }
        }
        feeds.forEach(EventFeed::start);
    }

    private void changed(Cause cause, PoolChange what) {
        boolean first;
        synchronized (lock) {
            first = change == null;
            change = what.and(change);
            if (pending.size() < MAX_CAUSES) {
                pending.add(cause);
            } else {
                dropped++;
            }
        }
        if (first) {
            timer.schedule(this::refresh, COALESCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        List<Cause> causes;
        PoolChange what;
        synchronized (lock) {
            causes = pending;
            what = change;
            change = null;
            if (dropped > 0) {
                causes.add(new Cause("", "and " + dropped + " more"));
            }
            pending = new ArrayList<>();
            dropped = 0;
        }
        onChange.accept(what, List.copyOf(causes));
    }

    @Override
    public void close() {
        feeds.forEach(EventFeed::close);
    }
}
