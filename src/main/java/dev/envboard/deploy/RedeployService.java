package dev.envboard.deploy;

import dev.envboard.deploy.compose.Dependency;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackException;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.deploy.history.DeployHistory;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.deploy.standalone.StandaloneDriver;
import dev.envboard.deploy.swarm.SwarmDriver;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostState;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The immutable redeploy of one environment: validate everything, remove all of it, wait until it
 * is really gone, create it again in depends_on order, wait until every replica runs (and is
 * healthy). Each run is recorded. Blocking: run it off the FX thread.
 */
public final class RedeployService implements Redeployer {
    /** In-process API calls are cheap: a short poll notices "gone" and "ready" soon after they happen. */
    static final Duration POLL = Duration.ofMillis(100);

    private final DockerClients clients;
    private final PoolInspector inspector;
    private final StackLoader stacks;
    private final DeployHistory history;
    private final DeployLocks locks;
    private final Clock clock;
    private final String user;
    private final Duration waitTimeout;

    public RedeployService(DockerClients clients, PoolInspector inspector, StackLoader stacks, DeployHistory history,
                           DeployLocks locks, Clock clock, String user, Duration waitTimeout) {
        this.clients = clients;
        this.inspector = inspector;
        this.stacks = stacks;
        this.history = history;
        this.locks = locks;
        this.clock = clock;
        this.user = user;
        this.waitTimeout = waitTimeout;
    }

    public boolean isRunning(PoolSpec pool, String environment) {
        return locks.isRunning(pool.name(), environment);
    }

    /**
     * Validates a redeploy without touching anything or recording it, for a confirmation to show
     * what would be refused and which checks could not run. Blocking: off the FX thread.
     */
    @Override
    public ValidationReport check(PoolSpec pool, String environment) {
        OffFxThread.check("RedeployService.check");
        List<String> warnings = new ArrayList<>();
        try {
            Validated validated = validate(pool, environment, warnings::add);
            DeployPlan plan = validated.plan();
            warnings.addAll(plan.warnings());
            return new ValidationReport(null, validated.stack().file(), plan.hosts().stream().map(Host::displayName).toList(),
                    warnings, plan.skipped());
        } catch (DeployException refused) {
            return new ValidationReport(refused.getMessage(), null, List.of(), warnings, List.of());
        }
    }

    /** A redeploy that goes past no skipped check: one that could not run refuses it. */
    public DeployRecord redeploy(PoolSpec pool, String environment, DeployListener listener, CancelToken cancel) {
        return redeploy(pool, environment, List.of(), listener, cancel);
    }

    /**
     * Never throws for a failed deploy: the returned record says how it ended (and is in the history).
     *
     * @param accepted the skipped checks the user accepted (as {@link #check} listed them); the run
     *                 validates again and refuses when a check it skips is not among them
     */
    @Override
    public DeployRecord redeploy(PoolSpec pool, String environment, List<SkippedCheck> accepted, DeployListener listener,
                                 CancelToken cancel) {
        OffFxThread.check("RedeployService.redeploy");
        Run run = new Run(pool, environment, accepted, listener, cancel);
        DeployRecord record;
        try (DeployLocks.Held lock = locks.acquire(pool.name(), environment, user, clock.instant())) {
            record = run.execute();
        } catch (DeployException refused) {
            // Another redeploy of the environment runs: this one is refused, and that is on record too.
            listener.message(refused.getMessage());
            record = run.record(DeployRecord.REFUSED, refused.getMessage());
        }
        history.append(record);
        return record;
    }

    private record Validated(Stack stack, DeployPlan plan) {
    }

    /** The stack, the pool as it is now, and every check before anything is touched. */
    private Validated validate(PoolSpec pool, String environment, Consumer<String> warn) throws DeployException {
        if (pool.stacksDir() == null) {
            throw new DeployException("pool " + pool.name() + " has no stacks: folder in pools.yaml; nothing was changed");
        }
        Stack stack;
        try {
            stack = stacks.load(pool.stacksDir(), environment);
        } catch (StackException e) {
            throw new DeployException("the stack of " + environment + " is not valid; nothing was changed:\n  "
                    + e.getMessage().replace("\n", "\n  "));
        }
        stack.warnings().forEach(w -> warn.accept(w.toString()));
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
            throw new DeployException(pool.name() + " is " + snapshot.status().label() + ": " + snapshot.message()
                    + "; nothing was changed");
        }
        return new Validated(stack, new DeployValidator(clients).validate(pool, snapshot, stack));
    }

    /** One redeploy's state: its timings, what it did so far, and the steps. */
    private final class Run {
        private final PoolSpec pool;
        private final String environment;
        private final List<SkippedCheck> accepted;
        private final DeployListener listener;
        private final CancelToken cancel;
        private final String id = UUID.randomUUID().toString().substring(0, 8);
        private final Instant started = clock.instant();
        private final List<DeployRecord.StepTiming> steps = new ArrayList<>();
        private final Map<String, Long> serviceMillis = new LinkedHashMap<>();
        private final Map<String, Instant> createdAt = new LinkedHashMap<>();
        private final Map<String, ServiceProgress> lastProgress = new LinkedHashMap<>();
        private List<SkippedCheck> skipped = List.of();
        private Stack stack;
        private DeployStep current;

        Run(PoolSpec pool, String environment, List<SkippedCheck> accepted, DeployListener listener, CancelToken cancel) {
            this.pool = pool;
            this.environment = environment;
            this.accepted = List.copyOf(accepted);
            this.listener = listener;
            this.cancel = cancel;
        }

        DeployRecord execute() {
            try {
                DeployPlan plan = step(DeployStep.VALIDATE, this::validate);
                plan.warnings().forEach(listener::message);
                EnvironmentDriver driver = driver(plan);
                step(DeployStep.REMOVE, () -> driver.remove(cancel, listener));
                step(DeployStep.WAIT_GONE, () -> {
                    awaitGone(driver);
                    return null;
                });
                step(DeployStep.CREATE, () -> {
                    createInOrder(driver);
                    return null;
                });
                step(DeployStep.WAIT_READY, () -> {
                    awaitReady(driver, stack.services().values().stream().toList(), true);
                    return null;
                });
                listener.message(environment + " redeployed: " + describeServices());
                return record(DeployRecord.SUCCEEDED, null);
            } catch (DeployException e) {
                String state = stateAfter(e);
                listener.message(state);
                if (e.isCancelled()) {
                    return record(DeployRecord.CANCELLED, state);
                }
                // Refused before anything was touched: the environment runs as it did.
                return record(current == DeployStep.VALIDATE ? DeployRecord.REFUSED : DeployRecord.FAILED, state);
            }
        }

        private DeployPlan validate() throws DeployException {
            Validated validated = RedeployService.this.validate(pool, environment, listener::message);
            stack = validated.stack();
            DeployPlan plan = validated.plan();
            List<SkippedCheck> notAccepted = new ArrayList<>();
            List<SkippedCheck> marked = new ArrayList<>();
            for (SkippedCheck check : plan.skipped()) {
                boolean ok = accepted.stream().anyMatch(check::sameAs);
                marked.add(ok ? check.accept() : check);
                if (!ok) {
                    notAccepted.add(check);
                }
            }
            skipped = marked;
            marked.forEach(check -> listener.message("skipped check: " + check.describe()));
            if (!notAccepted.isEmpty()) {
                throw new DeployException("the deploy of " + environment + " was refused; nothing was changed: "
                        + notAccepted.size() + (notAccepted.size() == 1 ? " check" : " checks")
                        + " could not run and " + (notAccepted.size() == 1 ? "was" : "were") + " not accepted:\n  "
                        + String.join("\n  ", notAccepted.stream().map(SkippedCheck::describe).toList()));
            }
            return plan;
        }

        private EnvironmentDriver driver(DeployPlan plan) {
            if (pool.kind() == PoolKind.STANDALONE) {
                return new StandaloneDriver(stack, plan.hosts(), this::quick, this::slow, plan.placements(), id);
            }
            List<SwarmDriver.NodeEngine> engines = new ArrayList<>();
            for (Host node : plan.poolHosts()) {
                var endpoint = plan.engines().get(node.key());
                if (endpoint != null && node.state() == HostState.READY) {
                    engines.add(new SwarmDriver.NodeEngine(node, clients.quick(endpoint), plan.hosts().stream().anyMatch(node::is)));
                }
            }
            return new SwarmDriver(clients.quick(pool.manager()), pool, stack, plan.hosts(), id, plan.globalTargets(), engines, listener);
        }

        private com.github.dockerjava.api.DockerClient quick(Host host) {
            return clients.quick(pool.engines().get(host.engineIndex()).endpoint());
        }

        private com.github.dockerjava.api.DockerClient slow(Host host) {
            return clients.slow(pool.engines().get(host.engineIndex()).endpoint());
        }

        private void awaitGone(EnvironmentDriver driver) throws DeployException {
            Deadline deadline = Deadline.in(clock, waitTimeout);
            List<String> left = driver.sweep();
            List<String> reported = List.of();
            while (!left.isEmpty()) {
                cancel.check("waiting until the old deployment is gone (" + summary(left) + ")");
                if (deadline.passed()) {
                    throw new DeployException("the old deployment was still not gone after " + waitTimeout.toSeconds()
                            + " s: " + String.join(", ", left));
                }
                if (!left.equals(reported)) { // say it when it changes, not at every poll
                    listener.message("waiting for " + left.size() + " to go: " + summary(left));
                    reported = left;
                }
                pause();
                driver.checkHostsAlive();
                left = driver.sweep();
            }
        }

        /** Level by level: a level starts once what it depends on is started, or healthy where asked. */
        private void createInOrder(EnvironmentDriver driver) throws DeployException {
            driver.createNetworks(listener);
            List<List<String>> levels = StackLoader.dependencyOrder(stack);
            for (int i = 0; i < levels.size(); i++) {
                List<ServiceDef> level = levels.get(i).stream().map(stack.services()::get).toList();
                cancel.check("creating " + levels.get(i));
                Instant created = clock.instant();
                List<String> what = driver.create(level);
                level.forEach(service -> createdAt.put(service.name(), created));
                listener.message("created " + String.join("; ", what));
                if (i + 1 < levels.size()) {
                    List<ServiceDef> needed = dependenciesOf(levels.get(i + 1));
                    awaitReady(driver, needed.stream().filter(s -> level.contains(s) || createdAt.containsKey(s.name())).toList(),
                            needsHealthy(levels.get(i + 1)));
                }
            }
        }

        private List<ServiceDef> dependenciesOf(List<String> services) {
            return services.stream().flatMap(s -> stack.services().get(s).dependsOn().stream())
                    .map(Dependency::service).distinct().map(stack.services()::get).toList();
        }

        private boolean needsHealthy(List<String> services) {
            return services.stream().flatMap(s -> stack.services().get(s).dependsOn().stream())
                    .anyMatch(d -> Dependency.HEALTHY.equals(d.condition()));
        }

        private void awaitReady(EnvironmentDriver driver, List<ServiceDef> services, boolean healthy) throws DeployException {
            Deadline deadline = Deadline.in(clock, waitTimeout);
            while (true) {
                List<String> waiting = new ArrayList<>();
                for (ServiceDef service : services) {
                    ServiceProgress progress = driver.progress(service);
                    if (!progress.equals(lastProgress.get(service.name()))) {
                        lastProgress.put(service.name(), progress);
                        listener.service(progress);
                    }
                    boolean ready = (healthy ? progress.healthy() : progress.running()) >= progress.desired();
                    if (ready) {
                        serviceMillis.computeIfAbsent(service.name(), name -> Duration.between(createdAt.get(name), clock.instant()).toMillis());
                    } else {
                        waiting.add(service.name() + " " + progress.healthy() + "/" + progress.desired()
                                + (progress.problem() == null ? "" : " (" + progress.problem() + ")"));
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                cancel.check("waiting for " + String.join(", ", waiting));
                driver.checkHostsAlive();
                if (deadline.passed()) {
                    throw new DeployException("not ready after " + waitTimeout.toSeconds() + " s: " + String.join("; ", waiting));
                }
                pause();
            }
        }

        private <T> T step(DeployStep step, StepBody<T> body) throws DeployException {
            current = step;
            Instant start = clock.instant();
            listener.stepStarted(step);
            boolean ok = false;
            try {
                T result = body.run();
                ok = true;
                return result;
            } finally {
                Duration took = Duration.between(start, clock.instant());
                steps.add(new DeployRecord.StepTiming(step.name(), took.toMillis(), ok));
                listener.stepFinished(step, took, ok);
            }
        }

        /** Says in what state the environment was left, so nobody has to guess after a failure. */
        private String stateAfter(DeployException e) {
            String what = e.getMessage();
            if (current == null || current == DeployStep.VALIDATE) {
                return what;
            }
            String state = switch (current) {
                case REMOVE, WAIT_GONE -> "the old deployment of " + environment + " is (partly) removed and nothing new was created";
                default -> environment + " is partly deployed: " + describeServices();
            };
            return what + "\n" + state + "; redeploy to bring it back";
        }

        /** Every service of the stack: where it was last seen, or that it was never seen running. */
        private String describeServices() {
            if (lastProgress.isEmpty()) {
                return "no service was started";
            }
            List<String> parts = new ArrayList<>();
            for (ServiceDef service : stack.services().values()) {
                ServiceProgress p = lastProgress.get(service.name());
                parts.add(p != null ? service.name() + " " + p.healthy() + "/" + p.desired()
                        : service.name() + (createdAt.containsKey(service.name()) ? " created, not seen running" : " not created"));
            }
            return String.join(", ", parts);
        }

        /** The first few of a long list: a message line, not a wall of ids. */
        private static String summary(List<String> items) {
            int shown = Math.min(3, items.size());
            return String.join(", ", items.subList(0, shown)) + (items.size() > shown ? " and " + (items.size() - shown) + " more" : "");
        }

        private void pause() throws DeployException {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException("interrupted", true);
            }
        }

        DeployRecord record(String result, String error) {
            Map<String, String> images = new LinkedHashMap<>();
            if (stack != null) {
                stack.services().values().forEach(s -> images.put(s.name(), s.image()));
            }
            return new DeployRecord(id, pool.name(), environment, user, started, clock.instant(),
                    stack == null ? null : stack.file().toString(), stack == null ? null : stack.sha256(),
                    images, steps, serviceMillis, result, error, skipped);
        }
    }

    @FunctionalInterface
    private interface StepBody<T> {
        T run() throws DeployException;
    }
}
