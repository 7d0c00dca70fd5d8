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
     * @return whether the change was also recorded in the audit log (a failure there has been
     *         reported to the notices; the label did change)
     */
    boolean move(PoolSpec pool, HostMove move) throws LabelChangeException;
}
