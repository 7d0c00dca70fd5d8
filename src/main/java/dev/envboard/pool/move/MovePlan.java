package dev.envboard.pool.move;

import dev.envboard.pool.PoolSpec;
import java.util.List;

/** The label changes a user is asked to confirm, with their impact. */
public record MovePlan(PoolSpec pool, List<HostMove> moves, MoveImpact impact) {

    public MovePlan {
        moves = List.copyOf(moves);
    }

    public String labelOf(HostMove move) {
        return move.to() == null
                ? "remove " + pool.labelKey() + " from " + move.host().displayName()
                : pool.labelKey() + "=" + move.to() + " on " + move.host().displayName();
    }
}
