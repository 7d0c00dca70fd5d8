package dev.envboard.ui.board;

import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.MovePlan;
import dev.envboard.pool.move.MoveService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs a confirmed plan: one verified label change after the other, so a failure stops nothing
 * else but is reported for its own host. Returns the moves that succeeded (for undo).
 */
final class MoveTask extends Task<List<HostMove>> {
    private final MovePlan plan;
    private final MoveService moves;
    private final Executor fx;
    private final Consumer<HostMove> verified;
    private final BiConsumer<HostMove, LabelChangeException> failed;

    MoveTask(MovePlan plan, MoveService moves, Executor fx, Consumer<HostMove> verified,
             BiConsumer<HostMove, LabelChangeException> failed) {
        this.plan = plan;
        this.moves = moves;
        this.fx = fx;
        this.verified = verified;
        this.failed = failed;
        int n = plan.moves().size();
        String target = plan.moves().isEmpty() ? "" : name(plan.moves().get(0).to());
        updateTitle(n == 1 ? "Moving " + plan.moves().get(0).host().displayName() + " to " + target
                : "Moving " + n + " hosts");
    }

    @Override
    protected List<HostMove> call() {
        List<HostMove> done = new ArrayList<>();
        List<HostMove> all = plan.moves();
        for (int i = 0; i < all.size(); i++) {
            HostMove move = all.get(i);
            updateProgress(i, all.size());
            updateMessage(move.describe());
            try {
                moves.move(plan.pool(), move);
                done.add(move);
                fx.execute(() -> verified.accept(move));
            } catch (LabelChangeException e) {
                fx.execute(() -> failed.accept(move, e));
            }
        }
        updateProgress(all.size(), all.size());
        updateMessage(done.size() + " of " + all.size() + " moved");
        return done;
    }

    private static String name(String environment) {
        return environment == null ? "Unassigned" : environment;
    }
}
