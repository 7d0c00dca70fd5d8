package dev.envboard.logs;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.PoolSpec;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Where log views start: find what to follow, then open a session on it.
 * <pre>{@code
 * LogService logs = new LogService(context.dockerClients(), context.executors().io());
 * TargetResolver.Found found = logs.find(pools, LogTarget.parse("env:qa"));
 * try (LogSession session = logs.open(found.containers(), LogOptions.defaults(), listener)) { ... }
 * }</pre>
 */
public final class LogService {
    private final DockerClients clients;
    private final TargetResolver resolver;
    private final Clock clock;

    /** @param io runs the look-ups of {@link #find} (not the followers: each has its own thread) */
    public LogService(DockerClients clients, Executor io) {
        this(clients, io, Clock.systemUTC());
    }

    public LogService(DockerClients clients, Executor io, Clock clock) {
        this.clients = clients;
        this.resolver = new TargetResolver(clients, io);
        this.clock = clock;
    }

    /** The containers of a target on every engine of {@code pools}; blocks for the engines' answers. */
    public TargetResolver.Found find(List<PoolSpec> pools, LogTarget target) {
        OffFxThread.check("LogService.find");
        return resolver.find(pools, target);
    }

    public LogSession open(ContainerRef container, LogOptions options) {
        return open(List.of(container), options, SourceListener.NONE);
    }

    /**
     * Starts following: sources sorted by label get colour indexes 0, 1, 2…; a label that two
     * engines share gets {@code @engine}. Returns at once; lines arrive in the buffer. Each source
     * holds one connection of its engine's STREAM client while it reads (64 per engine, shared
     * with event feeds).
     */
    public LogSession open(List<ContainerRef> containers, LogOptions options, SourceListener listener) {
        OffFxThread.check("LogService.open");
        if (containers.isEmpty()) {
            throw new IllegalArgumentException("nothing to follow");
        }
        List<ContainerRef> sorted = new ArrayList<>(containers);
        sorted.sort(Comparator.comparing(ContainerRef::label).thenComparing(ContainerRef::engine));
        Map<String, Integer> labelCount = new HashMap<>();
        sorted.forEach(c -> labelCount.merge(c.label(), 1, Integer::sum));
        LogBuffer buffer = new LogBuffer(options.bufferLines(), options.bufferBytes());
        List<LogSource> sources = new ArrayList<>();
        List<SourceFollower> followers = new ArrayList<>();
        for (ContainerRef container : sorted) {
            String label = labelCount.get(container.label()) > 1 ? container.label() + "@" + container.engine() : container.label();
            LogSource source = new LogSource(new LogOrigin(label, sources.size()), container, listener);
            sources.add(source);
            followers.add(new SourceFollower(source, options, clients, buffer, clock));
        }
        LogSession session = new LogSession(buffer, sources, followers);
        session.start();
        return session;
    }
}
