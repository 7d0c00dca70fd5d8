package dev.envboard.ui.board;

import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.HostMover;
import dev.envboard.ui.common.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs confirmed moves: one verified label change after the other, so a failure stops nothing
 * else but is reported for its own host. Returns the moves that succeeded (for undo).
 */
final class MoveJob implements Background.Job<List<HostMove>> {
    private final PoolSpec pool;
    private final List<HostMove> moves;
    private final Map<String, String> typed;
    private final HostMover mover;
    private final Executor fx;
    private final Consumer<HostMove> verified;
    private final BiConsumer<HostMove, LabelChangeException> failed;

    /**
     * @param typed    per protected environment the hosts leave, its name as the user typed it (the mover checks it)
     * @param verified and {@code failed} are called on the FX thread, through {@code fx}
     */
    MoveJob(PoolSpec pool, List<HostMove> moves, Map<String, String> typed, HostMover mover, Executor fx,
            Consumer<HostMove> verified, BiConsumer<HostMove, LabelChangeException> failed) {
        this.pool = pool;
        this.moves = List.copyOf(moves);
        this.typed = Map.copyOf(typed);
        this.mover = mover;
        this.fx = fx;
        this.verified = verified;
        this.failed = failed;
    }

    /** "Moving envboard-swarm-3 to qa", or "Moving 3 hosts". */
    static String title(List<HostMove> moves) {
        if (moves.size() != 1) {
            return "Moving " + moves.size() + " hosts";
        }
        String to = moves.get(0).to();
        return "Moving " + moves.get(0).host().displayName() + " to " + (to == null ? "Unassigned" : to);
    }

    @Override
    public List<HostMove> call(Background.Progress progress) {
        List<HostMove> done = new ArrayList<>();
        for (int i = 0; i < moves.size(); i++) {
            HostMove move = moves.get(i);
            progress.update(move.describe(), i, moves.size());
            try {
                mover.move(pool, move, move.from() == null ? null : typed.get(move.from()));
                done.add(move);
                fx.execute(() -> verified.accept(move));
            } catch (LabelChangeException e) {
                fx.execute(() -> failed.accept(move, e));
            }
        }
        progress.update(done.size() + " of " + moves.size() + " moved", moves.size(), moves.size());
        return done;
    }
}
