package dev.envboard.deploy;

import dev.envboard.deploy.compose.Dependency;
import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackException;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.deploy.history.DeployHistory;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.Downtime;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.deploy.standalone.StandaloneDriver;
import dev.envboard.deploy.swarm.SwarmDriver;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.HostState;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.pool.Protection;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The immutable redeploy of one environment: validate everything, resolve every image to a digest
 * and pull it on every host that may run it, then remove all of it, wait until it is really gone,
 * create it again (pinned to the digests) in depends_on order, wait until every replica runs (and
 * is healthy). Each run is recorded, with the versions before and after and the downtime.
 * Blocking: run it off the FX thread.
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
    private final ImageSteps images;
    private final Function<PoolSpec, RegistryClients> registries;
    private final DeployObserver observer;

    /** Without a registry client: only images that are already on the hosts (pull policy never) deploy. */
    public RedeployService(DockerClients clients, PoolInspector inspector, StackLoader stacks, DeployHistory history,
                           DeployLocks locks, Clock clock, String user, Duration waitTimeout) {
        this(clients, inspector, stacks, history, locks, clock, user, waitTimeout, pool -> null);
    }

    /** @param registries per pool, the resolver and logins its redeploys use (null: none, only pull policy never deploys) */
    public RedeployService(DockerClients clients, PoolInspector inspector, StackLoader stacks, DeployHistory history,
                           DeployLocks locks, Clock clock, String user, Duration waitTimeout,
                           Function<PoolSpec, RegistryClients> registries) {
        this(clients, inspector, stacks, history, locks, clock, user, waitTimeout, registries, DeployObserver.NONE);
    }

    /** @param observer hears of each run's start and end (the pool's deploy records); it never fails a run */
    public RedeployService(DockerClients clients, PoolInspector inspector, StackLoader stacks, DeployHistory history,
                           DeployLocks locks, Clock clock, String user, Duration waitTimeout,
                           Function<PoolSpec, RegistryClients> registries, DeployObserver observer) {
        this.observer = observer;
        this.images = new ImageSteps(clients, waitTimeout);
        this.registries = registries;
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
        return check(pool, environment, null);
    }

    /**
     * The same for a run with {@code --pull}. Also asks the registries which digests the tags name
     * now and the engines what runs, to say what changes (nothing is pulled; the run resolves again).
     */
    public ValidationReport check(PoolSpec pool, String environment, PullPolicy pullFor) {
        OffFxThread.check("RedeployService.check");
        return check(pool, environment, pullFor, null);
    }

    /**
     * Validates a rollback to a previous deploy's versions ({@code --from}) without touching
     * anything: refused for an unknown id, a record of another environment or without versions, or
     * a service the record does not know; the changes are the recorded versions against what runs.
     */
    @Override
    public ValidationReport checkFrom(PoolSpec pool, String environment, String deployId) {
        OffFxThread.check("RedeployService.checkFrom");
        return check(pool, environment, null, deployId);
    }

    /**
     * Validates a deploy of {@code stack} (e.g. a demo template's) as if exactly {@code onHosts}
     * carried its environment, without touching anything: what a demo launch checks before it
     * labels any host. The images are resolved in their registries too (nothing is pulled).
     */
    public ValidationReport check(PoolSpec pool, Stack stack, List<HostKey> onHosts) {
        OffFxThread.check("RedeployService.check");
        return check(pool, new Source(stack.environment(), stack, List.copyOf(onHosts)), null, null);
    }

    private ValidationReport check(PoolSpec pool, String environment, PullPolicy pullFor, String deployId) {
        return check(pool, Source.stacksOf(environment), pullFor, deployId);
    }

    /** Validates, reads what runs and says what would change; {@code deployId} non-null for a rollback. */
    private ValidationReport check(PoolSpec pool, Source source, PullPolicy pullFor, String deployId) {
        String environment = source.environment();
        List<String> warnings = new ArrayList<>();
        try {
            Validated validated = validate(pool, source, warnings::add, pullFor, deployId);
            DeployPlan plan = validated.plan();
            warnings.addAll(plan.warnings());
            if (deployId != null) {
                warnings.addAll(Rollback.withoutDigest(validated.from(), validated.stack()));
            }
            List<String> changes = new Run(pool, source, pullFor, deployId, List.of(), DeployListener.NONE, new CancelToken())
                    .changes(validated);
            return new ValidationReport(null, validated.stack().file(), plan.hosts().stream().map(Host::displayName).toList(),
                    warnings, plan.skipped(), changes);
        } catch (DeployException refused) {
            return new ValidationReport(refused.getMessage(), null, List.of(), warnings, List.of());
        }
    }

    /**
     * Redeploys exactly the versions a previous deploy recorded (a rollback): the current stack, each
     * image replaced by its recorded {@code image@digest}, pulled on every host before anything is
     * removed. The new record names the deploy it rolled back to. Never throws for a failed deploy.
     */
    @Override
    public DeployRecord redeployFrom(PoolSpec pool, String environment, String deployId, List<SkippedCheck> accepted,
                                     String confirmation, DeployListener listener, CancelToken cancel) {
        OffFxThread.check("RedeployService.redeployFrom");
        return run(new Run(pool, Source.stacksOf(environment), null, deployId, accepted, listener, cancel), pool, environment,
                confirmation, listener);
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
    public DeployRecord redeploy(PoolSpec pool, String environment, List<SkippedCheck> accepted, String confirmation,
                                 DeployListener listener, CancelToken cancel) {
        return redeploy(pool, environment, null, accepted, confirmation, listener, cancel);
    }

    /** With {@code --pull}, without a typed name (a protected environment is refused). */
    public DeployRecord redeploy(PoolSpec pool, String environment, PullPolicy pullFor, List<SkippedCheck> accepted,
                                 DeployListener listener, CancelToken cancel) {
        return redeploy(pool, environment, pullFor, accepted, null, listener, cancel);
    }

    /**
     * @param pullFor      the pull policy for every service ({@code --pull}); null: each service's
     *                     pull_policy, {@code always} where it has none
     * @param confirmation the environment's name as the user typed it (see {@link Protection}); null: none
     */
    public DeployRecord redeploy(PoolSpec pool, String environment, PullPolicy pullFor, List<SkippedCheck> accepted,
                                 String confirmation, DeployListener listener, CancelToken cancel) {
        OffFxThread.check("RedeployService.redeploy");
        return run(new Run(pool, Source.stacksOf(environment), pullFor, null, accepted, listener, cancel), pool, environment,
                confirmation, listener);
    }

    /**
     * Deploys {@code stack} (e.g. a demo template's, loaded with its variables) to its environment
     * instead of the one the pool's stacks: folder holds, through the same run: validation,
     * resolve, pre-pull, lock, remove, wait gone, create, wait ready, and the history. Never throws
     * for a failed deploy.
     */
    public DeployRecord redeploy(PoolSpec pool, Stack stack, List<SkippedCheck> accepted, DeployListener listener,
                                 CancelToken cancel) {
        OffFxThread.check("RedeployService.redeploy");
        String environment = stack.environment();
        // A demo's new environment: protected only if pools.yaml says so, and then refused like any other.
        return run(new Run(pool, new Source(environment, stack, null), null, null, accepted, listener, cancel), pool, environment,
                null, listener);
    }

    /**
     * Where a run's stack comes from: the pool's stacks: folder, or a stack given as it is.
     *
     * @param given   null: load the environment's stack from the stacks: folder
     * @param assumed non-null: validate as if exactly these hosts carried the environment (nothing is labelled yet)
     */
    private record Source(String environment, Stack given, List<HostKey> assumed) {
        static Source stacksOf(String environment) {
            return new Source(environment, null, null);
        }
    }

    private DeployRecord run(Run run, PoolSpec pool, String environment, String confirmation, DeployListener listener) {
        DeployRecord record;
        Optional<String> unconfirmed = Protection.refusal(pool, environment, confirmation);
        if (unconfirmed.isPresent()) {
            // Before the lock and any engine call: nothing of a protected environment is touched, and the refusal is on record.
            listener.message(unconfirmed.get());
            record = run.record(DeployRecord.REFUSED, unconfirmed.get());
        } else {
            try (DeployLocks.Held lock = locks.acquire(pool.name(), environment, user, clock.instant())) {
                record = run.execute();
            } catch (DeployException refused) {
                // Another redeploy of the environment runs: this one is refused, and that is on record too.
                listener.message(refused.getMessage());
                record = run.record(DeployRecord.REFUSED, refused.getMessage());
            }
        }
        history.append(record);
        DeployRecord ended = record;
        observe(listener, () -> observer.finished(pool, ended, listener));
        return record;
    }

    /** An observer that throws all the same is said, never the end of the run. */
    private static void observe(DeployListener listener, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            listener.message("could not tell others about this deploy: " + e);
        }
    }

    /** @param from the record a rollback redeploys; null for a redeploy from the stack's images */
    private record Validated(Stack stack, DeployPlan plan, DeployRecord from) {
    }

    /** Rollbacks look this far back in the history (it rotates at 10 MiB: some tens of thousands of runs). */
    private static final int ROLLBACK_LOOKUP = 100_000;

    /** The stack, the pool as it is now, and every check before anything is touched. */
    private Validated validate(PoolSpec pool, Source source, Consumer<String> warn, PullPolicy pullFor, String fromId)
            throws DeployException {
        String environment = source.environment();
        Stack stack = source.given() != null ? source.given() : load(pool, environment);
        stack.warnings().forEach(w -> warn.accept(w.toString()));
        DeployRecord from = null;
        if (fromId != null) {
            from = Rollback.find(history.recent(ROLLBACK_LOOKUP), fromId, pool.name(), environment);
            stack = Rollback.recorded(stack, from);
        }
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
            throw new DeployException(pool.name() + " is " + snapshot.status().label() + ": " + snapshot.message()
                    + "; nothing was changed");
        }
        if (source.assumed() != null) {
            snapshot = AssumedLabels.apply(snapshot, environment, source.assumed());
        }
        return new Validated(stack, new DeployValidator(clients).validate(pool, snapshot, stack, pullFor), from);
    }

    private Stack load(PoolSpec pool, String environment) throws DeployException {
        if (pool.stacksDir() == null) {
            throw new DeployException("pool " + pool.name() + " has no stacks: folder in pools.yaml; nothing was changed");
        }
        try {
            return stacks.load(pool.stacksDir(), environment);
        } catch (StackException e) {
            throw new DeployException("the stack of " + environment + " is not valid; nothing was changed:\n  "
                    + e.getMessage().replace("\n", "\n  "));
        }
    }

    /** One redeploy's state: its timings, what it did so far, and the steps. */
    private final class Run {
        private final PoolSpec pool;
        private final Source source;
        private final String environment;
        private final PullPolicy pullFor;
        /** The deploy id a rollback redeploys the versions of; null for a redeploy from the stack's images. */
        private final String fromId;
        private DeployRecord from;
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
        /** The stack as written (tags), for the record; {@code stack} runs pinned to the digests. */
        private Stack written;
        private Map<String, ImageSteps.ServiceImage> serviceImages = Map.of();
        private Map<String, RunningImage> previous = Map.of();
        private Instant firstStopped;
        private Instant allReady;
        private DeployStep current;

        Run(PoolSpec pool, Source source, PullPolicy pullFor, String fromId, List<SkippedCheck> accepted,
            DeployListener listener, CancelToken cancel) {
            this.pool = pool;
            this.source = source;
            this.environment = source.environment();
            this.pullFor = pullFor;
            this.fromId = fromId;
            this.accepted = List.copyOf(accepted);
            this.listener = listener;
            this.cancel = cancel;
        }

        DeployRecord execute() {
            try {
                DeployPlan plan = step(DeployStep.VALIDATE, this::validate);
                plan.warnings().forEach(listener::message);
                serviceImages = step(DeployStep.RESOLVE, this::resolve);
                DeployStart announced = new DeployStart(id, pool, environment, user, started, written.sha256(), versions(), plan.hosts());
                observe(listener, () -> observer.started(announced, listener));
                step(DeployStep.PULL, () -> {
                    images.pull(environment, plan, serviceImages, listener, cancel);
                    return null;
                });
                stack = stamped(pinned(written, serviceImages));
                EnvironmentDriver driver = driver(plan);
                previous = driver.running(); // before anything goes: what the record shows as "old"
                step(DeployStep.REMOVE, () -> {
                    Instant start = clock.instant();
                    List<String> removed = driver.remove(cancel, listener);
                    if (!removed.isEmpty()) {
                        firstStopped = start; // the first stop is sent right after the listing
                    }
                    return removed;
                });
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
                    allReady = clock.instant();
                    return null;
                });
                listener.message(environment + " redeployed: " + describeServices());
                Long downtime = Downtime.millis(firstStopped, allReady);
                if (downtime != null) {
                    listener.message("downtime " + Downtime.describe(downtime) + " (first old container stopped to every new replica ready)");
                }
                return record(DeployRecord.SUCCEEDED, null);
            } catch (DeployException e) {
                String state = stateAfter(e);
                listener.message(state);
                if (e.isCancelled()) {
                    return record(DeployRecord.CANCELLED, state);
                }
                // Refused before anything was touched: the environment runs as it did.
                return record(untouched() ? DeployRecord.REFUSED : DeployRecord.FAILED, state);
            }
        }

        private DeployPlan validate() throws DeployException {
            Validated validated = RedeployService.this.validate(pool, source, listener::message, pullFor, fromId);
            stack = validated.stack();
            written = stack;
            from = validated.from();
            if (from != null) {
                listener.message("rolling back " + environment + " to the versions of deploy " + from.id());
                Rollback.withoutDigest(from, written).forEach(listener::message);
            }
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

        /** For a confirmation: the versions as a run would record them, without pulling or touching anything. */
        List<String> changes(Validated validated) throws DeployException {
            stack = validated.stack();
            written = stack;
            from = validated.from();
            serviceImages = resolve();
            stack = pinned(written, serviceImages);
            previous = driver(validated.plan()).running();
            return versions().entrySet().stream().map(e -> e.getValue().describe(e.getKey())).toList();
        }

        /** A rollback takes the recorded digests as they are; a redeploy asks the registries. */
        private Map<String, ImageSteps.ServiceImage> resolve() throws DeployException {
            return from != null ? images.recorded(written, from.versions(), registries.apply(pool), listener)
                    : images.resolve(written, pullFor, registries.apply(pool), listener);
        }

        /** Nothing was removed or created yet: a failure now leaves the environment as it ran. */
        private boolean untouched() {
            return current == DeployStep.VALIDATE || current == DeployStep.RESOLVE || current == DeployStep.PULL;
        }

        /** The stack each host runs: every pulled image pinned to its digest, and the image as written kept in a label. */
        private Stack pinned(Stack stack, Map<String, ImageSteps.ServiceImage> images) {
            boolean swarm = pool.kind() != PoolKind.STANDALONE;
            Map<String, ServiceDef> services = new LinkedHashMap<>();
            stack.services().forEach((name, service) -> {
                ImageSteps.ServiceImage image = images.get(name);
                services.put(name, image == null || image.runAs(swarm).equals(service.image()) ? service
                        : service.withImage(image.runAs(swarm), Map.of(Naming.IMAGE, service.image())));
            });
            return new Stack(stack.file(), stack.environment(), services, stack.networks(), stack.warnings(), stack.sha256());
        }

        /** Who deployed it, when and from which stack, on every service and container, next to the deploy id. */
        private Stack stamped(Stack stack) {
            Map<String, String> stamp = new LinkedHashMap<>();
            stamp.put(Naming.DEPLOY_USER, user);
            stamp.put(Naming.DEPLOY_STARTED, started.toString());
            if (stack.sha256() != null) {
                stamp.put(Naming.STACK_SHA256, stack.sha256());
            }
            Map<String, ServiceDef> services = new LinkedHashMap<>();
            stack.services().forEach((name, service) -> services.put(name, service.withImage(service.image(), stamp)));
            return new Stack(stack.file(), stack.environment(), services, stack.networks(), stack.warnings(), stack.sha256());
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
            return new SwarmDriver(clients.quick(pool.manager()), pool, stack, plan.hosts(), id, plan.globalTargets(), engines, listener,
                    ImageSteps.swarmLogins(serviceImages));
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
            if (current == null || untouched()) {
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

        /** Per service: the image as written, the digest it is pinned to, the policy, and what ran before. */
        private Map<String, ServiceVersion> versions() {
            Map<String, ServiceVersion> versions = new LinkedHashMap<>();
            if (written != null) {
                for (ServiceDef s : written.services().values()) {
                    ImageSteps.ServiceImage image = serviceImages.get(s.name());
                    RunningImage before = previous.get(s.name());
                    versions.put(s.name(), new ServiceVersion(s.image(), image == null ? null : image.digest(),
                            PullPolicy.effective(pullFor, s).label(), before == null ? null : before.image(),
                            before == null ? null : before.digest()));
                }
            }
            return versions;
        }

        DeployRecord record(String result, String error) {
            Map<String, String> images = new LinkedHashMap<>();
            if (written != null) {
                written.services().values().forEach(s -> images.put(s.name(), s.image()));
            }
            Map<String, ServiceVersion> versions = versions();
            return new DeployRecord(id, pool.name(), environment, user, started, clock.instant(),
                    written == null ? null : written.file().toString(), written == null ? null : written.sha256(),
                    images, steps, serviceMillis, result, error, skipped, versions,
                    DeployRecord.SUCCEEDED.equals(result) ? Downtime.millis(firstStopped, allReady) : null, fromId);
        }
    }

    @FunctionalInterface
    private interface StepBody<T> {
        T run() throws DeployException;
    }
}
