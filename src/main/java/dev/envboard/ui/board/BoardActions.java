package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import java.util.List;

/** What the board's pieces ask of the board view: it owns the dialogs and the owner window. */
interface BoardActions {
    /**
     * Start the confirm-then-move flow for these hosts (null target: unassigned). Returns whether
     * any of them would move (a drop that moves nothing is not completed).
     */
    boolean requestMove(List<Host> hosts, String to);

    void requestRename(String environment);

    void requestRemove(String environment);

    /** Confirm, then redeploy the environment from its stack. */
    void requestRedeploy(String environment);

    /** Watch the environment (notifications of its deploys and health), or stop watching it. */
    void toggleWatch(String environment);
}
