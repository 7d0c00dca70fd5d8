package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.pool.EnvironmentName;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.Protection;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.MovePlan;
import dev.envboard.pool.move.MoveRefusedException;
import dev.envboard.ssh.UnknownHostKeyException;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code envboard move HOST ENV}: the board's drag, from a terminal or a CI job. */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = {"Move a host to another environment by rewriting its label, and verify it on the engine.",
                "Shows the impact first and asks for confirmation (or give --yes).",
                "A host leaving an environment pools.yaml lists under protected: needs --confirm with its name.",
                "Exit status 0 only when the new label is verified and audited; 3 when the host leaves a protected",
                "environment without --confirm NAME (nothing changed); otherwise 1 and the reason on stderr."})
final class MoveCommand implements Callable<Integer> {
    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Parameters(index = "0", paramLabel = "HOST", description = "Hostname or Swarm node id.")
    String hostName;

    @Parameters(index = "1", paramLabel = "ENV", description = "Target environment; - for unassigned.")
    String environment;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (an unknown SSH host key is still never trusted silently).")
    boolean yes;

    @Option(names = "--accept-host-key", paramLabel = "FINGERPRINT",
            description = "Trust the host's SSH key if it has exactly this fingerprint (SHA256:...), e.g. from ssh-keygen -lf on the host.")
    String acceptedFingerprint;

    @Option(names = "--confirm", paramLabel = "NAME",
            description = "The name of the environment the host leaves, typed again: needed when pools.yaml lists it under protected:.")
    String confirm;

    @Override
    public Integer call() {
        String target = environment.equals("-") ? null : environment;
        PrintWriter out = parent.out();
        PrintWriter err = parent.err();
        try (Services context = parent.openContext()) {
            HostLookup.Found found = HostLookup.find(context, selection.select(context.pools()), hostName);
            PoolSnapshot snapshot = found.snapshot();
            if (target != null && snapshot.hosts().stream().noneMatch(h -> target.equals(h.environment()))) {
                Optional<String> problem = EnvironmentName.problem(target);
                if (problem.isPresent()) {
                    err.println("envboard: " + problem.get());
                    return 2;
                }
            }
            if (Objects.equals(found.host().environment(), target)) {
                out.println(found.host().displayName() + " is already in " + name(target) + "; nothing to do");
                return 0;
            }
            Optional<String> unconfirmed = Protection.refusal(snapshot.pool(), found.host().environment(), confirm);
            if (unconfirmed.isPresent()) {
                err.println("envboard: not moved: " + unconfirmed.get());
                return 3;
            }
            MovePlan plan = context.moveService().plan(snapshot.pool(), java.util.List.of(found.host()), target);
            HostMove move = plan.moves().get(0);
            out.println("Pool " + snapshot.pool().name() + ": " + move.describe());
            out.println("  label: " + plan.labelOf(move));
            plan.impact().lines().forEach(line -> out.println("  impact: " + line));
            out.flush();
            if (!yes && !parent.prompt().confirm("Move " + found.host().displayName() + " to " + name(target) + "?")) {
                err.println("envboard: not moved (confirm at the prompt, or give --yes)");
                return 1;
            }
            boolean audited = moveTrustingKnownKey(context, snapshot, move);
            out.println("moved " + found.host().displayName() + " to " + name(target) + " (verified on the engine)");
            if (!audited) {
                err.println("envboard: the label was changed, but the audit log could not record it (see above)");
                return 1;
            }
            return 0;
        } catch (MoveRefusedException e) {
            err.println("envboard: not moved: " + e.getMessage());
            return 3;
        } catch (LabelChangeException e) {
            err.println("envboard: move failed: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("envboard: " + e.getMessage());
            return 2;
        }
    }

    /**
     * An unknown SSH host key is shown; it is trusted only when the user says so, then the move is retried.
     *
     * @return whether the move was written to the audit log
     */
    private boolean moveTrustingKnownKey(Services context, PoolSnapshot snapshot, HostMove move) throws LabelChangeException {
        try {
            return context.moveService().move(snapshot.pool(), move, confirm);
        } catch (LabelChangeException e) {
            Optional<UnknownHostKeyException> unknown = UnknownHostKeyException.in(e);
            if (unknown.isEmpty()) {
                throw e;
            }
            UnknownHostKeyException key = unknown.get();
            parent.err().println("The SSH host key of " + key.host() + ":" + key.port() + " is not known: "
                    + key.keyType() + " " + key.fingerprint());
            boolean trusted = key.fingerprint().equals(acceptedFingerprint)
                    || (acceptedFingerprint == null && parent.prompt().confirm("Trust this key (compare with ssh-keygen -lf on the host)?"));
            if (!trusted) {
                throw new LabelChangeException(e.getMessage()
                        + (acceptedFingerprint == null ? "" : " (--accept-host-key " + acceptedFingerprint + " does not match)"));
            }
            context.labelWriters().trust(snapshot.pool(), move.host(), key);
            return context.moveService().move(snapshot.pool(), move, confirm);
        }
    }

    private static String name(String environment) {
        return environment == null ? "unassigned" : environment;
    }
}
