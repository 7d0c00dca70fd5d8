package dev.envboard.pool;

import com.github.dockerjava.api.model.EventType;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.docker.EventFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a pool's engine events into refreshes, so changes made outside Envboard (a label set with
 * the CLI, a daemon.json reloaded by hand, a node going down) show without waiting for the next
 * periodic inspection. Bursts of events are coalesced into one refresh.
 */
public final class PoolEventWatch implements AutoCloseable {
    static final long COALESCE_MS = 100;

    private final List<EventFeed> feeds = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final Runnable onChange;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public PoolEventWatch(PoolSpec pool, DockerClients clients, ScheduledExecutorService timer, Executor io, Runnable onChange) {
        this.timer = timer;
        this.onChange = onChange;
        // Swarm managers report node and service changes for the whole cluster; standalone engines
        // report their own reloads (labels) and containers.
        List<EventType> types = pool.kind() == PoolKind.STANDALONE
                ? List.of(EventType.DAEMON, EventType.CONTAINER)
                : List.of(EventType.NODE, EventType.SERVICE, EventType.DAEMON);
        for (EndpointSpec endpoint : pool.endpoints()) {
            try {
                feeds.add(new EventFeed(clients.stream(endpoint), clients.quick(endpoint), types, timer, io, new EventFeed.Listener() {
                    @Override
                    public void onEvent(com.github.dockerjava.api.model.Event event) {
                        changed();
                    }

                    @Override
                    public void onState(EventFeed.State state, String detail) {
                        if (state == EventFeed.State.RECONNECTING || state == EventFeed.State.LIVE) {
                            changed(); // the engine went away or came back: look again
                        }
                    }
                }));
            } catch (RuntimeException refused) {
                // A refused endpoint (TLS files missing) is reported by the inspection itself.
            }
        }
        feeds.forEach(EventFeed::start);
    }

    private void changed() {
        if (scheduled.compareAndSet(false, true)) {
            timer.schedule(() -> {
                scheduled.set(false);
                onChange.run();
            }, COALESCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        feeds.forEach(EventFeed::close);
    }
}
