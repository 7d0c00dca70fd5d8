package dev.envboard.pool.move;

import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.label.LabelChangeException;
import java.util.List;

/** What the board needs to move hosts; {@link MoveService} is the real one. Both calls block. */
public interface HostMover {
    /** The impact of these moves; changes nothing. */
    MovePlan plan(PoolSpec pool, List<HostMove> requested);

    /**
     * Changes one host's label and returns once the engine shows it.
     *
     * @param confirmation the name the user typed for the environment the host leaves; a host
     *                     leaving a protected environment ({@link dev.envboard.pool.Protection}) is
     *                     refused with {@link MoveRefusedException}, untouched, unless it matches. Null: none typed
     * @return whether the change was also recorded in the audit log (a failure there has been
     *         reported to the notices; the label did change)
     */
    boolean move(PoolSpec pool, HostMove move, String confirmation) throws LabelChangeException;

    /** Without a typed name: a host leaving a protected environment is refused. */
    default boolean move(PoolSpec pool, HostMove move) throws LabelChangeException {
        return move(pool, move, null);
    }
}
