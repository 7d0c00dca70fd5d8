package dev.envboard.ui.board;

import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.HostMover;
import dev.envboard.pool.move.MoveImpact;
import dev.envboard.ssh.UnknownHostKeyException;
import dev.envboard.ui.common.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Moving hosts, from proposal to outcome: propose (with the impact worked out off the FX
 * thread), run a confirmed proposal, mark the cards moving, let them land once verified or snap
 * back with the reason, undo the last move, and retry after the user trusted an SSH host key.
 * Touched on the FX thread only.
 */
final class MoveFlow {
    private final HostMover mover;
    private final HostKeyTrust hostKeys;
    private final Background background;
    private final PendingMoves pending;
    private final Executor io;
    private final Executor fx;
    private final Consumer<PoolSpec> verifiedIn;
    private final Consumer<String> notices;
    private final Runnable changed;
    private final ReadOnlyObjectWrapper<List<HostMove>> lastMove = new ReadOnlyObjectWrapper<>(List.of());
    private HostKeyPrompt hostKeyPrompt = HostKeyPrompt.NEVER;

    /**
     * @param verifiedIn told that a pool has a verified move (to look at it again now)
     * @param notices    gets a message per failed move
     * @param changed    rebuilds the board
     */
    MoveFlow(HostMover mover, HostKeyTrust hostKeys, Background background, PendingMoves pending, Executor io, Executor fx,
             Consumer<PoolSpec> verifiedIn, Consumer<String> notices, Runnable changed) {
        this.mover = mover;
        this.hostKeys = hostKeys;
        this.background = background;
        this.pending = pending;
        this.io = io;
        this.fx = fx;
        this.verifiedIn = verifiedIn;
        this.notices = notices;
        this.changed = changed;
    }

    void setHostKeyPrompt(HostKeyPrompt prompt) {
        this.hostKeyPrompt = prompt;
    }

    /** The moves the last operation made (empty when there is nothing to undo). */
    ReadOnlyObjectProperty<List<HostMove>> lastMoveProperty() {
        return lastMove.getReadOnlyProperty();
    }

    void forgetLastMove() {
        lastMove.set(List.of());
    }

    // ---- proposals -----------------------------------------------------------------------------

    MoveProposal propose(PoolSpec pool, List<Host> hosts, String to) {
        return MoveProposal.move(pool, hosts, to, pending::isMoving, this::impact);
    }

    /** Sends each host of the last move from where it is now back to where it was; {@code current} are the hosts shown. */
    MoveProposal proposeUndo(PoolSpec pool, List<Host> current) {
        List<HostMove> back = new ArrayList<>();
        for (HostMove done : lastMove.get()) {
            current.stream().filter(h -> h.key().equals(done.host().key())).findFirst()
                    .ifPresent(now -> back.add(HostMove.of(now, done.from())));
        }
        return MoveProposal.undo(pool, back, pending::isMoving, this::impact);
    }

    MoveProposal proposeRename(PoolSpec pool, List<Host> hosts, String from, String to) {
        return MoveProposal.rename(pool, hosts, from, to, pending::isMoving, this::impact);
    }

    private CompletableFuture<MoveImpact> impact(PoolSpec pool, List<HostMove> moves) {
        return CompletableFuture.supplyAsync(() -> mover.plan(pool, moves).impact(), io).thenApplyAsync(impact -> impact, fx);
    }

    // ---- running -------------------------------------------------------------------------------

    /**
     * Runs a confirmed proposal: its cards show as moving at once, the label changes start once
     * {@code prepared} completes (whatever its outcome), and {@code afterwards} runs when they all ended.
     */
    void execute(MoveProposal proposal, CompletionStage<?> prepared, Runnable afterwards) {
        if (proposal.kind() == MoveProposal.Kind.UNDO) {
            lastMove.set(List.of()); // an undo is undone by another Ctrl+Z once it ran, not twice meanwhile
        }
        if (proposal.isEmpty()) {
            afterwards.run();
            return;
        }
        proposal.moves().forEach(pending::started);
        changed.run();
        Map<String, String> typed = proposal.confirmation().typedNames();
        prepared.whenCompleteAsync((ready, error) -> start(proposal.pool(), proposal.moves(), typed, afterwards), fx);
    }

    /** @param typed per protected environment the hosts leave, its name as the user typed it */
    private void start(PoolSpec pool, List<HostMove> moves, Map<String, String> typed, Runnable afterwards) {
        MoveJob job = new MoveJob(pool, moves, typed, mover, fx, move -> verified(pool, move),
                (move, error) -> failed(pool, move, typed, error));
        background.run(MoveJob.title(moves), job, done -> {
            if (!done.isEmpty()) {
                lastMove.set(done);
            }
            afterwards.run();
        }, error -> {
            // The job itself broke (not one move): every move it had not settled snaps back.
            LabelChangeException reason = new LabelChangeException(DockerErrors.describe(error));
            moves.stream().filter(pending::isUnresolved).forEach(move -> fail(move, reason));
            afterwards.run();
        });
    }

    private void verified(PoolSpec pool, HostMove move) {
        pending.verified(move);
        verifiedIn.accept(pool);
        changed.run();
    }

    private void failed(PoolSpec pool, HostMove move, Map<String, String> typed, LabelChangeException error) {
        Optional<UnknownHostKeyException> unknown = UnknownHostKeyException.in(error);
        if (unknown.isEmpty()) {
            fail(move, error);
            return;
        }
        hostKeyPrompt.ask(move.host().displayName(), unknown.get(), accepted -> {
            if (accepted) {
                trustAndRetry(pool, move, typed, unknown.get());
            } else {
                fail(move, error);
            }
        });
    }

    /** The user checked the fingerprint: record the key, then run the same (confirmed) move again. */
    private void trustAndRetry(PoolSpec pool, HostMove move, Map<String, String> typed, UnknownHostKeyException unknown) {
        CompletableFuture.runAsync(() -> {
            try {
                hostKeys.trust(pool, move.host(), unknown);
            } catch (LabelChangeException e) {
                throw new CompletionException(e);
            }
        }, io).whenCompleteAsync((ok, error) -> {
            if (error != null) {
                fail(move, new LabelChangeException(DockerErrors.describe(error)));
            } else {
                start(pool, List.of(move), typed, () -> { });
            }
        }, fx);
    }

    private void fail(HostMove move, LabelChangeException error) {
        pending.failed(move, error.getMessage());
        notices.accept("Moving " + move.describe() + " failed: " + error.getMessage());
        changed.run();
    }
}
