package dev.envboard.health;

import com.ecwid.consul.v1.catalog.model.Node;
import com.ecwid.consul.v1.health.model.Check;
import com.ecwid.consul.v1.health.model.HealthService;
import dev.envboard.health.consul.ConsulCalls;
import dev.envboard.health.consul.ConsulFailure;
import dev.envboard.health.consul.ConsulToken;
import dev.envboard.health.consul.Query;
import dev.envboard.health.consul.Reply;
import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import dev.envboard.runtime.OffFxThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows one pool's Consul with three blocking watches, each on its own daemon thread:
 * {@code /v1/health/state/any} (every check: a check turning critical arrives through it),
 * {@code /v1/catalog/services} (services coming and going; each service's instances are then
 * re-read from {@code /v1/health/service/NAME}) and {@code /v1/catalog/nodes} (node addresses for
 * placing nodes on hosts). Three connections whatever the number of services, and nothing is
 * asked again until Consul's index moves.
 */
public final class HealthWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HealthWatch.class.getName());
    /** The services re-read after a catalog change, one request each: a bound on that burst. */
    static final int MAX_SERVICES = 1000;

    /**
     * @param env        where a token-env variable is looked up
     * @param maxWait    how long Consul may hold a blocking query (at most 5 minutes)
     * @param minSpacing least time between the starts of two queries of one watch (the rate limit)
     */
    public record Options(Map<String, String> env, Duration maxWait, Duration minSpacing, Duration backoffStart,
                          Duration backoffMax, Duration connectTimeout) {
        public static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

        public Options {
            env = Map.copyOf(env);
            if (maxWait.isNegative() || maxWait.isZero() || maxWait.compareTo(LONGEST_WAIT) > 0) {
                throw new IllegalArgumentException("maxWait must be more than 0 and at most 5 minutes: " + maxWait);
            }
            if (minSpacing.isNegative() || backoffStart.isNegative() || backoffStart.isZero()
                    || backoffMax.compareTo(backoffStart) < 0 || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("pacing durations must be positive and backoffMax >= backoffStart");
            }
        }

        public static Options defaults(Map<String, String> env) {
            return new Options(env, LONGEST_WAIT, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMinutes(1),
                    Duration.ofSeconds(5));
        }

        BlockingLoop.Pacing pacing() {
            return new BlockingLoop.Pacing(maxWait, minSpacing, backoffStart, backoffMax);
        }
    }

    private enum Part { SERVICES, CHECKS, NODES }

    /** The last outcome of one watch: never answered, answered (with the ACL flag), or failing. */
    private record PartState(boolean answered, boolean filtered, ConsulFailure failure, Duration retryIn) {
        static final PartState PENDING = new PartState(false, false, null, null);
    }

    private final PoolSpec pool;
    private final Consumer<HealthSnapshot> listener;
    private final ConsulCalls calls;
    private final List<BlockingLoop<?>> loops = new ArrayList<>();
    private final Object lock = new Object();
    /** Re-joins after updateHosts, so the listener never runs on the caller's (maybe the FX) thread. */
    private final ExecutorService rejoin;
    private final AtomicBoolean rejoinPending = new AtomicBoolean();
    private final Map<Part, PartState> parts = new EnumMap<>(Part.class);
    private Map<String, List<HealthService>> services = Map.of();
    private List<Check> checks;
    private List<Node> nodes;
    private List<Host> hosts = List.of();
    private HealthSnapshot published;
    private volatile HealthSnapshot current;
    private volatile boolean closed;
    /** Only the services thread touches these: the catalog index its instances were read at. */
    private long servicesReadAt = -1;
    private Reply<Map<String, List<HealthService>>> servicesRead;

    private HealthWatch(PoolSpec pool, Options options, Consumer<HealthSnapshot> listener) {
        this.pool = pool;
        this.listener = listener;
        ConsulSpec spec = pool.consul();
        this.calls = ConsulCalls.open(spec, ConsulToken.of(spec, options.env()), options.connectTimeout(),
                options.maxWait(), Part.values().length);
        for (Part part : Part.values()) {
            parts.put(part, PartState.PENDING);
        }
        this.current = HealthSnapshot.connecting(pool.name(), connectingMessage(), Instant.now());
        String prefix = "consul-watch-" + pool.name() + "-";
        this.rejoin = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, prefix + "hosts");
            thread.setDaemon(true);
            return thread;
        });
        loops.add(new BlockingLoop<>(prefix + "checks", calls::checks, sink(Part.CHECKS, r -> checks = r), options.pacing()));
        loops.add(new BlockingLoop<>(prefix + "services", this::readServices, sink(Part.SERVICES, r -> services = r),
                options.pacing()));
        loops.add(new BlockingLoop<>(prefix + "nodes", calls::nodes, sink(Part.NODES, r -> nodes = r), options.pacing()));
    }

    /**
     * Starts watching pool.consul() on its own daemon threads; the listener is called (on a watch
     * thread, never the FX thread) first at once with a CONNECTING snapshot, then whenever the
     * content changes. Until {@link #updateHosts} is called no node is placed on a host.
     *
     * @throws IllegalArgumentException when the pool has no consul block
     */
    public static HealthWatch start(PoolSpec pool, Consumer<HealthSnapshot> listener) {
        return start(pool, Options.defaults(System.getenv()), listener);
    }

    public static HealthWatch start(PoolSpec pool, Options options, Consumer<HealthSnapshot> listener) {
        OffFxThread.check("HealthWatch.start");
        if (pool.consul() == null) {
            throw new IllegalArgumentException("pool " + pool.name() + " has no consul block");
        }
        HealthWatch watch = new HealthWatch(pool, options, Objects.requireNonNull(listener));
        watch.loops.forEach(BlockingLoop::start);
        return watch;
    }

    public HealthSnapshot current() {
        return current;
    }

    /**
     * The pool's hosts as last inspected (PoolSnapshot.hosts()), to place Consul nodes on them and
     * instances in their environments. Re-joins at once on a watch thread without asking Consul;
     * the listener hears of it only if that changes the snapshot. Callable from any thread, never blocks.
     */
    public void updateHosts(List<Host> newHosts) {
        synchronized (lock) {
            hosts = List.copyOf(newHosts);
        }
        // One pending re-join covers any number of updates: it reads the latest hosts.
        if (rejoinPending.compareAndSet(false, true)) {
            try {
                rejoin.execute(() -> {
                    rejoinPending.set(false);
                    publish();
                });
            } catch (RejectedExecutionException closedAlready) {
                rejoinPending.set(false);
            }
        }
    }

    /** Stops every thread promptly, even one held in a blocking query. Idempotent, callable from any thread. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loops.forEach(BlockingLoop::stop);
        rejoin.shutdownNow();
        // Closing the client shuts its connections, which ends reads held by Consul at once.
        calls.close();
    }

    /** For tests: whether every watch thread has ended. */
    boolean awaitStopped(Duration atMost) throws InterruptedException {
        for (BlockingLoop<?> loop : loops) {
            loop.join(atMost);
        }
        return rejoin.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS) && loops.stream().noneMatch(BlockingLoop::isAlive);
    }

    private <T> BlockingLoop.Sink<T> sink(Part part, Consumer<T> store) {
        return new BlockingLoop.Sink<>() {
            @Override
            public void started() {
                // Whichever thread comes first publishes CONNECTING: no answer can precede it.
                publish();
            }

            @Override
            public void answered(Reply<T> reply) {
                synchronized (lock) {
                    if (reply.value() != null) {
                        store.accept(reply.value());
                    }
                    parts.put(part, new PartState(true, reply.filtered(), null, null));
                }
                publish();
            }

            @Override
            public void failed(ConsulFailure failure, Duration retryIn) {
                synchronized (lock) {
                    PartState before = parts.get(part);
                    parts.put(part, new PartState(before.answered(), before.filtered(), failure, retryIn));
                }
                publish();
            }
        };
    }

    /** The catalog's service names, then each service's instances: re-read only when the catalog's index moved. */
    private Reply<Map<String, List<HealthService>>> readServices(Query query) throws ConsulFailure {
        Reply<List<String>> names = calls.services(query);
        if (servicesRead != null && names.index() > 0 && names.index() == servicesReadAt) {
            return servicesRead;
        }
        Map<String, List<HealthService>> read = new TreeMap<>();
        boolean filtered = names.filtered();
        for (String name : names.value().stream().sorted().limit(MAX_SERVICES).toList()) {
            Reply<List<HealthService>> instances = calls.service(name, Query.now());
            read.put(name, instances.value() == null ? List.of() : instances.value());
            filtered |= instances.filtered();
        }
        servicesRead = new Reply<>(read, names.index(), filtered);
        servicesReadAt = names.index();
        return servicesRead;
    }

    /** Builds the snapshot from what every watch last said and hands it on if its content changed. */
    private void publish() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            HealthSnapshot next = build();
            if (next.sameContent(published)) {
                return;
            }
            if (published == null || published.state() != next.state()) {
                LOG.info(() -> "consul of pool " + pool.name() + ": " + next.message());
            }
            published = next;
            current = next;
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "health listener of pool " + pool.name() + " failed", e);
            }
        }
    }

    private HealthSnapshot build() {
        Instant now = Instant.now();
        PartState unauthorized = null;
        PartState unreachable = null;
        boolean allAnswered = true;
        boolean partial = false;
        for (PartState state : parts.values()) {
            if (state.failure() != null && state.failure().kind() == ConsulFailure.Kind.UNAUTHORIZED && unauthorized == null) {
                unauthorized = state;
            } else if (state.failure() != null && unreachable == null) {
                unreachable = state;
            }
            allAnswered &= state.answered();
            partial |= state.answered() && state.filtered();
        }
        HealthJoin.Answers answers = new HealthJoin.Answers(services, checks, nodes);
        HealthJoin.Reading reading;
        if (unauthorized != null) {
            reading = new HealthJoin.Reading(ConsulState.UNAUTHORIZED, problem(unauthorized), partial, now);
        } else if (unreachable != null) {
            reading = new HealthJoin.Reading(ConsulState.UNREACHABLE, problem(unreachable), partial, now);
        } else if (!allAnswered) {
            reading = new HealthJoin.Reading(ConsulState.CONNECTING, connectingMessage(), false, now);
        } else {
            reading = new HealthJoin.Reading(ConsulState.OK, null, partial, now);
        }
        return HealthJoin.join(pool, hosts, answers, reading);
    }

    private static String problem(PartState state) {
        String kind = state.failure().kind() == ConsulFailure.Kind.UNAUTHORIZED ? "unauthorized" : "unreachable";
        return kind + ": " + state.failure().getMessage() + "; retrying in " + human(state.retryIn());
    }

    private String connectingMessage() {
        return "connecting to " + pool.consul().address();
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis < 120_000 ? (millis + 500) / 1000 + " s" : (millis + 30_000) / 60_000 + " min";
    }
}
