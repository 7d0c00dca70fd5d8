package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.MoveImpact;
import dev.envboard.pool.move.MovePlan;
import dev.envboard.ui.common.NameConfirmation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A move to confirm: exactly the label changes the confirmation lists and the execution runs,
 * and their impact once it is worked out. Hosts that are already moving or already in their
 * target are left out here, and only here, so the dialog and the plan cannot disagree.
 */
public final class MoveProposal {
    /** What a confirmed proposal does besides the moves. */
    enum Kind { MOVE, UNDO, RENAME }

    /** Works out the impact of moves on the I/O executor; the future completes on the FX thread. */
    @FunctionalInterface
    interface Impact {
        CompletableFuture<MoveImpact> of(PoolSpec pool, List<HostMove> moves);
    }

    private final Kind kind;
    private final PoolSpec pool;
    private final String title;
    private final List<HostMove> moves;
    private final List<String> skipped;
    private final String renamedFrom;
    private final CompletableFuture<MoveImpact> impact;
    private final NameConfirmation confirmation;

    private MoveProposal(Kind kind, PoolSpec pool, String title, List<HostMove> moves, List<String> skipped, String renamedFrom,
                         Impact impactOf) {
        this.kind = kind;
        this.pool = pool;
        this.title = title;
        this.moves = List.copyOf(moves);
        this.skipped = List.copyOf(skipped);
        this.renamedFrom = renamedFrom;
        this.impact = moves.isEmpty() ? CompletableFuture.completedFuture(MoveImpact.none()) : impactOf.of(pool, this.moves);
        this.confirmation = NameConfirmation.of(pool, this.moves.stream().map(HostMove::from).toList());
    }

    /** Hosts dragged (or sent with "Move to…") to {@code to}; null is unassigned. */
    static MoveProposal move(PoolSpec pool, List<Host> hosts, String to, Predicate<Host> moving, Impact impactOf) {
        Filtered f = Filtered.of(hosts.stream().map(h -> HostMove.of(h, to)).toList(), moving);
        int n = f.moves.isEmpty() ? hosts.size() : f.moves.size();
        String who = n == 1 ? (f.moves.isEmpty() ? hosts.get(0) : f.moves.get(0).host()).displayName() : n + " hosts";
        return new MoveProposal(Kind.MOVE, pool, "Move " + who + " to " + name(to) + "?", f.moves, f.skipped, null, impactOf);
    }

    /** Every host of the last move back where it came from. */
    static MoveProposal undo(PoolSpec pool, List<HostMove> back, Predicate<Host> moving, Impact impactOf) {
        Filtered f = Filtered.of(back, moving);
        return new MoveProposal(Kind.UNDO, pool, "Undo the last move?", f.moves, f.skipped, null, impactOf);
    }

    /** Every host of {@code from} relabelled {@code to}. */
    static MoveProposal rename(PoolSpec pool, List<Host> hosts, String from, String to, Predicate<Host> moving, Impact impactOf) {
        Filtered f = Filtered.of(hosts.stream().map(h -> HostMove.of(h, to)).toList(), moving);
        return new MoveProposal(Kind.RENAME, pool, "Rename " + from + " to " + to + "?", f.moves, f.skipped, from, impactOf);
    }

    /** The one place where requested moves are filtered. */
    private record Filtered(List<HostMove> moves, List<String> skipped) {
        static Filtered of(List<HostMove> requested, Predicate<Host> moving) {
            List<HostMove> moves = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (HostMove move : requested) {
                if (moves.stream().anyMatch(m -> m.host().key().equals(move.host().key()))) {
                    continue; // asked twice (a drag of a selection that holds the card)
                }
                if (moving.test(move.host())) {
                    skipped.add(move.host().displayName() + " is being moved already");
                } else if (!move.changesAnything()) {
                    skipped.add(move.host().displayName() + " is in " + name(move.to()) + " already");
                } else {
                    moves.add(move);
                }
            }
            return new Filtered(moves, skipped);
        }
    }

    public String title() {
        return title;
    }

    public PoolSpec pool() {
        return pool;
    }

    public List<HostMove> moves() {
        return moves;
    }

    public boolean isEmpty() {
        return moves.isEmpty();
    }

    /** The label change per host, as the confirmation lists them. */
    public List<String> changes() {
        String key = pool.labelKey();
        return moves.stream().map(m -> m.host().displayName() + ": "
                + (m.to() == null ? "remove " + key + " (" + m.from() + ")" : key + "=" + m.to())
                + (m.from() == null || m.to() == null ? "" : ", was " + m.from())).toList();
    }

    /** Hosts the user asked for that do not move, and why. */
    public List<String> skipped() {
        return skipped;
    }

    /** The protected environments these moves take hosts out of: their names must be typed before the moves run. */
    public NameConfirmation confirmation() {
        return confirmation;
    }

    /** These moves with their impact, once it is known (on the FX thread). */
    public CompletableFuture<MovePlan> plan() {
        return impact.thenApply(known -> new MovePlan(pool, moves, known));
    }

    Kind kind() {
        return kind;
    }

    /** For a rename: the environment whose hosts move to the new name; else null. */
    String renamedFrom() {
        return renamedFrom;
    }

    private static String name(String environment) {
        return environment == null ? "Unassigned" : environment;
    }
}
