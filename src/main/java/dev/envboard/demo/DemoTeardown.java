package dev.envboard.demo;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployException;
import dev.envboard.deploy.EnvironmentRemoval;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.Protection;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.HostMover;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A teardown: the stack removed and awaited until really gone, the hosts back in Unassigned
 * (audited moves), the record removed; then the pool is read again, and anything of the demo
 * still there (a container, a network, a label) marks it stuck, naming each thing. A host that
 * still holds something of the demo keeps its label, so it stays visibly the demo's.
 */
final class DemoTeardown {
    private final PoolInspector inspector;
    private final HostMover mover;
    private final EnvironmentRemoval removal;
    private final DemoRecords records;

    DemoTeardown(PoolInspector inspector, HostMover mover, EnvironmentRemoval removal, DemoRecords records) {
        this.inspector = inspector;
        this.mover = mover;
        this.removal = removal;
        this.records = records;
    }

    /**
     * @param cleanup      a retry of a stuck (or failed) demo: refused for one that is not
     * @param confirmation the name typed for a protected environment; null for none
     */
    TeardownResult run(PoolSpec pool, String environment, boolean cleanup, String confirmation, DemoListener listener,
                       CancelToken cancel) {
        Optional<String> unconfirmed = Protection.refusal(pool, environment, confirmation);
        if (unconfirmed.isPresent()) {
            return refused(unconfirmed.get() + "; nothing was removed");
        }
        Optional<Demo> found = records.find(pool, environment);
        if (found.isEmpty()) {
            return refused("no demo " + environment + " in pool " + pool.name());
        }
        Demo demo = found.get();
        if (cleanup && demo.state() != DemoState.STUCK && demo.state() != DemoState.FAILED && demo.state() != DemoState.TEARING_DOWN) {
            return refused(environment + " is " + demo.state().label() + ", not stuck: tear it down instead");
        }
        try {
            records.put(pool, demo.withState(DemoState.TEARING_DOWN, demo.left(), demo.problem()));
        } catch (DemoException e) {
            return refused("the record of " + environment + " could not be written (" + e.getMessage() + "); nothing was removed");
        }

        listener.phase(DemoPhase.REMOVE);
        EnvironmentRemoval.Result removed;
        try {
            removed = removal.remove(pool, environment, listener, cancel);
        } catch (DeployException e) {
            if (!e.isCancelled()) {
                return refused(e.getMessage() + restore(pool, demo));
            }
            return stuck(pool, demo, List.of("whatever the cancelled removal had not reached yet"), "cancelled by the user", listener);
        }

        listener.phase(DemoPhase.RETURN_HOSTS);
        Set<HostKey> holding = new java.util.HashSet<>();
        removed.left().stream().map(EnvironmentRemoval.Leftover::host).filter(java.util.Objects::nonNull).forEach(holding::add);
        List<String> moveProblems = new ArrayList<>();
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        for (Host host : snapshot.hosts()) {
            if (!environment.equals(host.environment())) {
                continue;
            }
            if (holding.contains(host.key())) {
                listener.message(host.displayName() + " stays in " + environment + ": something of it is left there");
                continue;
            }
            try {
                mover.move(pool, new HostMove(host, environment, null), confirmation);
                listener.message("moved " + host.displayName() + " back to Unassigned");
            } catch (LabelChangeException e) {
                moveProblems.add(host.displayName() + ": " + e.getMessage());
            }
        }

        listener.phase(DemoPhase.VERIFY);
        List<String> left = leftovers(pool, demo, environment, moveProblems);
        if (!left.isEmpty()) {
            return stuck(pool, demo, left, "the teardown could not remove everything", listener);
        }
        try {
            records.remove(pool, environment);
        } catch (DemoException e) {
            return stuck(pool, demo, List.of("the demo's record in pool " + pool.name() + " (" + e.getMessage() + ")"),
                    "its record could not be removed", listener);
        }
        String message = environment + " is torn down: nothing of it is left, and its hosts (" + String.join(", ",
                demo.hosts().stream().map(DemoHost::name).toList()) + ") are in Unassigned";
        return new TeardownResult(TeardownResult.Outcome.DONE, message, List.of());
    }

    /** The pool read again: the stack's leftovers, every host that still carries the label, and labels that could not be read. */
    private List<String> leftovers(PoolSpec pool, Demo demo, String environment, List<String> moveProblems) {
        Set<String> left = new LinkedHashSet<>();
        removal.leftovers(pool, environment).forEach(leftover -> left.add(leftover.what()));
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        String label = pool.labelKey() + "=" + environment;
        for (Host host : snapshot.hosts()) {
            if (environment.equals(host.environment())) {
                left.add("label " + label + " on " + host.displayName());
            } else if (!host.isReachable() && demo.hosts().stream().anyMatch(h -> h.is(host))) {
                // A standalone engine that does not answer cannot say its labels: the demo's label is assumed still there.
                left.add("label " + label + " on " + host.displayName() + " (the host does not answer; its label could not be "
                        + "changed or read)");
            }
        }
        moveProblems.forEach(problem -> left.add("could not return " + problem));
        return new ArrayList<>(left);
    }

    private TeardownResult stuck(PoolSpec pool, Demo demo, List<String> left, String why, DemoListener listener) {
        String message = demo.environment() + " is stuck: " + why + ". Left:\n  " + String.join("\n  ", left)
                + "\nclean it up with `envboard demo cleanup " + demo.environment() + "` once the cause is fixed";
        try {
            records.put(pool, demo.withState(DemoState.STUCK, left, why));
        } catch (DemoException e) {
            message += "\n(the record could not be marked stuck: " + e.getMessage() + ")";
        }
        return new TeardownResult(TeardownResult.Outcome.STUCK, message, left);
    }

    /** Puts the record back as it was; says so when it cannot (it then says "tearing down" until a teardown or cleanup). */
    private String restore(PoolSpec pool, Demo demo) {
        try {
            records.put(pool, demo);
            return "";
        } catch (DemoException e) {
            return " (and its record, which says " + DemoState.TEARING_DOWN.label() + ", could not be set back: " + e.getMessage() + ")";
        }
    }

    private static TeardownResult refused(String message) {
        return new TeardownResult(TeardownResult.Outcome.REFUSED, message, List.of());
    }
}
