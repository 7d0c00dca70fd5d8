package dev.envboard.demo;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.RedeployService;
import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.demo.template.DemoDuration;
import dev.envboard.demo.template.DemoTemplate;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateException;
import dev.envboard.demo.template.TemplateStacks;
import dev.envboard.demo.template.TemplateVariables;
import dev.envboard.pool.Availability;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.HostState;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.HostMover;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One launch: every check before anything changes, then the record (so a launch cut short is
 * never a demo nobody knows of), the audited moves of its hosts, and the redeploy run. A failure
 * after the record says exactly what is left and offers the teardown.
 */
final class DemoLaunch {
    private final TemplateCatalog catalog;
    private final TemplateStacks stacks;
    private final PoolInspector inspector;
    private final HostMover mover;
    private final RedeployService redeploys;
    private final DemoRecords records;
    private final EntryPoints entryPoints;
    private final Clock clock;
    private final String user;

    DemoLaunch(TemplateCatalog catalog, TemplateStacks stacks, PoolInspector inspector, HostMover mover,
               RedeployService redeploys, DemoRecords records, EntryPoints entryPoints, Clock clock, String user) {
        this.catalog = catalog;
        this.stacks = stacks;
        this.inspector = inspector;
        this.mover = mover;
        this.redeploys = redeploys;
        this.records = records;
        this.entryPoints = entryPoints;
        this.clock = clock;
        this.user = user;
    }

    /** Refused before anything changed. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** Everything checked: what the launch will do. */
    private record Plan(DemoTemplate template, String environment, Stack stack, List<Host> hosts, Demo demo,
                        List<SkippedCheck> accepted) {
    }

    LaunchResult run(PoolSpec pool, LaunchRequest request, DemoListener listener, CancelToken cancel) {
        listener.phase(DemoPhase.VALIDATE);
        Plan plan;
        try {
            plan = validate(pool, request, listener);
        } catch (Refused e) {
            return LaunchResult.refused(e.getMessage());
        }
        if (cancel.isCancelled()) {
            return LaunchResult.refused("cancelled before anything changed");
        }
        Demo demo = plan.demo();
        listener.phase(DemoPhase.RECORD);
        try {
            records.put(pool, demo);
        } catch (DemoException e) {
            String message = "the demo's record could not be written to pool " + pool.name() + ": " + e.getMessage()
                    + "; nothing was changed";
            return new LaunchResult(LaunchResult.Outcome.FAILED, message, null, null, false);
        }
        listener.phase(DemoPhase.LABEL_HOSTS);
        List<Host> moved = new ArrayList<>();
        for (Host host : plan.hosts()) {
            try {
                mover.move(pool, HostMove.of(host, plan.environment()));
                moved.add(host);
                listener.message("moved " + host.displayName() + " to " + plan.environment());
            } catch (LabelChangeException e) {
                return undoLabels(pool, demo, moved, host.displayName() + ": " + e.getMessage(), listener);
            }
        }
        if (cancel.isCancelled()) {
            return undoLabels(pool, demo, moved, "cancelled by the user", listener);
        }
        listener.phase(DemoPhase.DEPLOY);
        DeployRecord deploy = redeploys.redeploy(pool, plan.stack(), plan.accepted(), listener, cancel);
        if (!deploy.succeeded()) {
            String message = "the deploy of " + plan.environment() + " " + deploy.result().toLowerCase() + ": " + deploy.error()
                    + "\n" + plan.environment() + " keeps its hosts (" + names(plan.hosts()) + ") and its record; tear it down with "
                    + "`envboard demo teardown " + plan.environment() + "`";
            Demo failed = demo.withState(DemoState.FAILED, List.of(), deploy.error());
            message = recordOrSay(pool, failed, message);
            return new LaunchResult(LaunchResult.Outcome.FAILED, message, failed, deploy, true);
        }
        PoolSnapshot now = inspector.inspect(pool).join();
        Demo running = demo.withEntryPoints(entryPoints.of(plan.template(), now, plan.environment()))
                .withState(DemoState.RUNNING, List.of(), null);
        String message = plan.environment() + " runs on " + names(plan.hosts()) + ", until " + running.expires();
        message = recordOrSay(pool, running, message);
        return new LaunchResult(LaunchResult.Outcome.LAUNCHED, message, running, deploy, false);
    }

    /** Writes the demo's new state; when that fails the message says so (the pool keeps the older record). */
    private String recordOrSay(PoolSpec pool, Demo demo, String message) {
        try {
            records.put(pool, demo);
            return message;
        } catch (DemoException e) {
            return message + "\nthe demo's record could not be updated (it still says " + DemoState.LAUNCHING.label() + "): "
                    + e.getMessage();
        }
    }

    /** Nothing was deployed yet: the hosts go back to Unassigned and the record goes; what cannot is said. */
    private LaunchResult undoLabels(PoolSpec pool, Demo demo, List<Host> moved, String why, DemoListener listener) {
        listener.message("launch stopped while labelling hosts: " + why + "; returning the hosts moved so far");
        List<String> left = new ArrayList<>();
        for (Host host : moved) {
            try {
                mover.move(pool, new HostMove(host, demo.environment(), null));
            } catch (LabelChangeException e) {
                left.add("label " + pool.labelKey() + "=" + demo.environment() + " on " + host.displayName() + " (" + e.getMessage() + ")");
            }
        }
        if (left.isEmpty()) {
            try {
                records.remove(pool, demo.environment());
                String message = "the launch of " + demo.environment() + " stopped while labelling hosts (" + why
                        + "); the hosts moved so far are back in Unassigned and its record is removed: nothing is left";
                return new LaunchResult(LaunchResult.Outcome.FAILED, message, null, null, false);
            } catch (DemoException e) {
                left.add("the demo's record (" + e.getMessage() + ")");
            }
        }
        Demo stuck = demo.withState(DemoState.STUCK, left, why);
        String message = "the launch of " + demo.environment() + " stopped while labelling hosts (" + why + "); left: "
                + String.join("; ", left) + "\nclean it up with `envboard demo cleanup " + demo.environment() + "`";
        message = recordOrSay(pool, stuck, message);
        return new LaunchResult(LaunchResult.Outcome.FAILED, message, stuck, null, true);
    }

    private Plan validate(PoolSpec pool, LaunchRequest request, DemoListener listener) throws Refused {
        DemoTemplate template;
        try {
            template = catalog.find(pool.templatesDir(), request.template());
        } catch (TemplateException e) {
            throw new Refused("template " + request.template() + " cannot be used; nothing was changed:\n  "
                    + e.getMessage().replace("\n", "\n  "));
        }
        template.warnings().forEach(w -> listener.message(w.toString()));
        String environment;
        try {
            environment = DemoNames.environment(request.customer());
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage() + "; nothing was changed");
        }
        if (pool.isProtected(environment)) {
            throw new Refused(environment + " is protected in pools.yaml (protected:): a demo is not launched as a protected "
                    + "environment; name the customer differently; nothing was changed");
        }
        Duration lifetime = request.lifetime() == null ? template.lifetime().defaultLifetime() : request.lifetime();
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new Refused("a lifetime must be positive; nothing was changed");
        }
        if (lifetime.compareTo(template.lifetime().max()) > 0) {
            throw new Refused("a demo of " + template.name() + " lives at most " + DemoDuration.format(template.lifetime().max())
                    + ", not " + DemoDuration.format(lifetime) + " (keep it instead, once launched); nothing was changed");
        }
        TemplateVariables.Resolved values = TemplateVariables.resolve(template, request.variables());
        if (!values.ok()) {
            throw new Refused("the values for template " + template.name() + " are not valid; nothing was changed:\n  "
                    + String.join("\n  ", values.problems()));
        }
        Optional<Demo> existing = records.find(pool, environment);
        if (existing.isPresent()) {
            Demo other = existing.get();
            throw new Refused(environment + " is already a demo of " + other.owner() + " (template " + other.template() + ", "
                    + other.state().label() + ", since " + other.created() + "): tear it down first, or name the customer "
                    + "differently; nothing was changed");
        }
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
            throw new Refused(pool.name() + " is " + snapshot.status().label() + ": " + snapshot.message() + "; nothing was changed");
        }
        List<Host> members = snapshot.hosts().stream().filter(h -> environment.equals(h.environment())).toList();
        if (!members.isEmpty()) {
            throw new Refused("environment " + environment + " already has hosts (" + names(members) + ") but no demo record: "
                    + "move them out or name the customer differently; nothing was changed");
        }
        List<Host> hosts = request.hosts().isEmpty() ? pick(snapshot, template, request.hostCount())
                : chosen(snapshot, template, request.hosts());
        Instant created = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // what people read and type back
        Demo demo = new Demo(pool.name(), environment, user, request.customer().strip(), template.name(), created,
                created.plus(lifetime), created.plus(template.lifetime().max()), false, hosts.stream().map(DemoHost::of).toList(),
                values.values(), List.of(), DemoState.LAUNCHING, List.of(), null);
        Stack stack;
        try {
            stack = DemoLabels.on(stacks.load(template, environment, values.forStack(demo.customer(), user)), demo);
        } catch (TemplateException e) {
            throw new Refused("the stack of template " + template.name() + " is not valid with these values; nothing was changed:\n  "
                    + e.getMessage().replace("\n", "\n  "));
        }
        ValidationReport report = redeploys.check(pool, stack, hosts.stream().map(Host::key).toList());
        if (report.refused()) {
            throw new Refused(report.refusal());
        }
        report.warnings().forEach(listener::message);
        if (!report.skipped().isEmpty() && !request.acceptUnchecked()) {
            throw new Refused("the launch of " + environment + " was refused; nothing was changed: " + report.skipped().size()
                    + " check(s) could not run and were not accepted:\n  "
                    + String.join("\n  ", report.skipped().stream().map(SkippedCheck::describe).toList()));
        }
        return new Plan(template, environment, stack, hosts, demo, report.skipped());
    }

    /** Free hosts: unassigned, answering, active; the least busy first, then by name. */
    private static List<Host> pick(PoolSnapshot snapshot, DemoTemplate template, int count) throws Refused {
        int wanted = count <= 0 ? template.hosts() : count;
        if (wanted < template.hosts()) {
            throw new Refused("template " + template.name() + " needs " + template.hosts() + " hosts, not " + wanted
                    + "; nothing was changed");
        }
        List<Host> free = snapshot.hosts().stream().filter(DemoLaunch::isFree)
                .sorted(Comparator.comparingInt(Host::running).thenComparing(Host::displayName)).toList();
        if (free.size() < wanted) {
            int missing = wanted - free.size();
            throw new Refused("a demo of " + template.name() + " needs " + wanted + " free hosts; pool " + snapshot.pool().name()
                    + " has " + free.size() + " in Unassigned" + (free.isEmpty() ? "" : " (" + names(free) + ")") + ": " + missing
                    + " missing; nothing was changed");
        }
        return free.subList(0, wanted);
    }

    private static List<Host> chosen(PoolSnapshot snapshot, DemoTemplate template, List<HostKey> keys) throws Refused {
        List<Host> hosts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (HostKey key : keys) {
            Host host = snapshot.hosts().stream().filter(h -> h.key().equals(key)).findFirst().orElse(null);
            if (host == null) {
                problems.add(key.entry() + " is not a host of pool " + snapshot.pool().name());
            } else if (!isFree(host)) {
                problems.add(host.displayName() + " is not free (" + (host.environment() != null ? "in " + host.environment()
                        : host.state().label() + "/" + host.availability().label()) + ")");
            } else if (!hosts.contains(host)) {
                hosts.add(host);
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused("a demo is launched on free hosts only (Unassigned, answering); nothing was changed:\n  "
                    + String.join("\n  ", problems));
        }
        if (hosts.size() < template.hosts()) {
            throw new Refused("template " + template.name() + " needs " + template.hosts() + " hosts; " + hosts.size() + " given: "
                    + (template.hosts() - hosts.size()) + " missing; nothing was changed");
        }
        return hosts;
    }

    private static boolean isFree(Host host) {
        return host.isUnassigned() && host.state() == HostState.READY && host.availability() == Availability.ACTIVE;
    }

    static String names(List<Host> hosts) {
        return String.join(", ", hosts.stream().map(Host::displayName).toList());
    }
}
