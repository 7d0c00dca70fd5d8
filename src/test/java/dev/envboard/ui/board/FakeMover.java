package dev.envboard.ui.board;

import dev.envboard.pool.HostKey;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.HostMover;
import dev.envboard.pool.move.MoveImpact;
import dev.envboard.pool.move.MovePlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Moves in memory: records what was planned and moved; a host can be made to fail its next moves. */
final class FakeMover implements HostMover {
    final List<List<HostMove>> planned = new ArrayList<>();
    final List<HostMove> moved = new ArrayList<>();
    /** The name typed for the environment each move (tried) leaves, in order; null where none was. */
    final List<String> confirmations = new ArrayList<>();
    private final Map<HostKey, Deque<LabelChangeException>> failures = new HashMap<>();
    MoveImpact impact = MoveImpact.none();
    /** When set, every move throws it: the job itself breaks. */
    RuntimeException crash;

    /** The host's next move throws this (once per call). */
    void failNext(HostKey host, LabelChangeException error) {
        failures.computeIfAbsent(host, k -> new ArrayDeque<>()).add(error);
    }

    @Override
    public MovePlan plan(PoolSpec pool, List<HostMove> requested) {
        planned.add(List.copyOf(requested));
        return new MovePlan(pool, requested, impact);
    }

    @Override
    public boolean move(PoolSpec pool, HostMove move, String confirmation) throws LabelChangeException {
        confirmations.add(confirmation);
        if (crash != null) {
            throw crash;
        }
        Deque<LabelChangeException> next = failures.get(move.host().key());
        if (next != null && !next.isEmpty()) {
            throw next.poll();
        }
        moved.add(move);
        return true;
    }
}
