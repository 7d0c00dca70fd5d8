package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.pool.Host;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.MoveImpact;
import dev.envboard.pool.move.MovePlan;
import dev.envboard.ssh.UnknownHostKeyException;
import dev.envboard.testing.TestHosts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proposing, running, verifying, failing, undoing and retrying moves, on in-memory services. */
class MoveFlowTest {
    private final Host alpha = TestHosts.node("alpha").build();
    private final Host bravo = TestHosts.node("bravo").in("demo").build();
    private final Host delta = TestHosts.node("delta").in("qa").build();
    private final BoardFixture f = new BoardFixture(alpha, bravo, delta);

    private MoveProposal propose(String to, Host... hosts) {
        return f.board.proposeMove(List.of(hosts), to).orElseThrow();
    }

    @Test
    void aProposalLeavesOutHostsAlreadyThereAndSaysWhy() {
        MoveProposal proposal = propose("demo", alpha, bravo);
        assertThat(proposal.moves()).extracting(m -> m.host().hostname()).containsExactly("alpha");
        assertThat(proposal.title()).isEqualTo("Move alpha to demo?");
        assertThat(proposal.changes()).containsExactly("alpha: environment=demo");
        assertThat(proposal.skipped()).containsExactly("bravo is in demo already");
    }

    @Test
    void theChangesNameTheLabelKeyAndWhereTheHostWas() {
        assertThat(propose("qa", bravo).changes()).containsExactly("bravo: environment=qa, was demo");
        assertThat(propose(null, bravo, delta).changes())
                .containsExactly("bravo: remove environment (demo)", "delta: remove environment (qa)");
        assertThat(propose(null, bravo, delta).title()).isEqualTo("Move 2 hosts to Unassigned?");
    }

    @Test
    void theImpactIsWorkedOutForExactlyTheProposedMovesAndThePlanRunsThem() {
        f.mover.impact = new MoveImpact(List.of("web.1 on alpha"), List.of(), List.of(), List.of(), List.of());
        MoveProposal proposal = propose("demo", alpha, bravo);
        assertThat(f.mover.planned).containsExactly(proposal.moves());
        MovePlan plan = proposal.plan().join();
        assertThat(plan.moves()).isEqualTo(proposal.moves());
        assertThat(plan.impact().stoppedTasks()).containsExactly("web.1 on alpha");

        f.board.execute(proposal);
        f.background.runAll();
        assertThat(f.mover.moved).isEqualTo(proposal.moves());
    }

    @Test
    void aProposalThatMovesNothingAsksTheEnginesNothing() {
        MoveProposal proposal = propose("demo", bravo);
        assertThat(proposal.isEmpty()).isTrue();
        assertThat(proposal.plan().join().impact().isHarmless()).isTrue();
        assertThat(f.mover.planned).isEmpty();
        f.board.execute(proposal);
        assertThat(f.background.titles()).isEmpty();
    }

    @Test
    void aConfirmedMoveShowsAsMovingThenLandsOnceVerifiedAndSeen() {
        f.board.execute(propose("demo", alpha));
        assertThat(f.card("alpha").movingTo()).isEqualTo("demo");
        assertThat(f.column("Unassigned")).as("it stays where it is until the engine confirms").containsExactly("alpha");
        assertThat(f.mover.moved).isEmpty();
        assertThat(f.background.titles()).containsExactly("Moving alpha to demo");

        f.background.runAll();
        assertThat(f.mover.moved).extracting(HostMove::describe).containsExactly("alpha: unassigned → demo");
        assertThat(f.refreshed).as("the pool is asked again at once").containsExactly("lab");
        assertThat(f.card("alpha").isMoving()).as("verified, but no snapshot shows it there yet").isTrue();

        f.show(TestHosts.node("alpha").in("demo").build(), bravo, delta);
        assertThat(f.column("demo")).containsExactly("alpha", "bravo");
        assertThat(f.card("alpha").isMoving()).isFalse();
        assertThat(f.card("alpha").error()).isNull();
        assertThat(f.board.lastMoveProperty().get()).extracting(HostMove::describe).containsExactly("alpha: unassigned → demo");
    }

    @Test
    void aSnapshotThatShowsTheTargetBeforeTheEngineConfirmedDoesNotEndTheMove() {
        f.board.execute(propose("demo", alpha));
        Host alphaInDemo = TestHosts.node("alpha").in("demo").build();
        f.show(alphaInDemo, bravo, delta);
        assertThat(f.card("alpha").movingTo()).as("our change is not verified yet").isEqualTo("demo");
        f.background.runAll();
        assertThat(f.card("alpha").isMoving()).isFalse();
        assertThat(f.column("demo")).containsExactly("alpha", "bravo");
    }

    @Test
    void aHostUnderWayIsLeftOutOfTheNextProposal() {
        f.board.execute(propose("demo", alpha));
        MoveProposal again = propose("qa", alpha, bravo);
        assertThat(again.moves()).extracting(m -> m.host().hostname()).containsExactly("bravo");
        assertThat(again.skipped()).containsExactly("alpha is being moved already");
    }

    @Test
    void aFailedMoveSnapsBackWithTheReasonAndTheOthersGoOn() {
        f.mover.failNext(alpha.key(), new LabelChangeException("alpha: update out of sequence, 3 tries"));
        f.board.execute(propose("qa", alpha, bravo));
        f.background.runAll();

        assertThat(f.card("alpha").isMoving()).isFalse();
        assertThat(f.card("alpha").error()).isEqualTo("alpha: update out of sequence, 3 tries");
        assertThat(f.column("Unassigned")).containsExactly("alpha");
        assertThat(f.board.notices()).containsExactly("Moving alpha: unassigned → qa failed: alpha: update out of sequence, 3 tries");
        assertThat(f.mover.moved).extracting(m -> m.host().hostname()).containsExactly("bravo");
        assertThat(f.board.lastMoveProperty().get()).extracting(m -> m.host().hostname()).as("only what moved is undone")
                .containsExactly("bravo");

        f.board.notices().clear();
        assertThat(f.card("alpha").error()).as("dismissing the notice clears the mark").isNull();
    }

    @Test
    void aJobThatBreaksSnapsBackEveryMoveItHadNotSettled() {
        f.mover.crash = new IllegalStateException("executor gone");
        f.board.execute(propose("qa", alpha));
        f.background.runAll();
        assertThat(f.card("alpha").isMoving()).isFalse();
        assertThat(f.card("alpha").error()).isEqualTo("executor gone");
    }

    @Test
    void undoSendsTheHostsOfTheLastMoveBackFromWhereTheyAreNow() {
        assertThat(f.board.proposeUndo()).as("nothing to undo yet").isEmpty();
        f.board.execute(propose("qa", alpha, bravo));
        f.background.runAll();
        Host alphaInQa = TestHosts.node("alpha").in("qa").build();
        Host bravoInQa = TestHosts.node("bravo").in("qa").build();
        f.show(alphaInQa, bravoInQa, delta);

        MoveProposal undo = f.board.proposeUndo().orElseThrow();
        assertThat(undo.title()).isEqualTo("Undo the last move?");
        assertThat(undo.changes()).containsExactly("alpha: remove environment (qa)", "bravo: environment=demo, was qa");

        f.board.execute(undo);
        assertThat(f.board.lastMoveProperty().get()).as("cannot be undone twice while it runs").isEmpty();
        f.background.runAll();
        assertThat(f.mover.moved.subList(2, 4)).extracting(HostMove::describe)
                .containsExactly("alpha: qa → unassigned", "bravo: qa → demo");
        assertThat(f.board.lastMoveProperty().get()).as("and undoing the undo moves them again").hasSize(2);
    }

    @Test
    void aCancelledUndoKeepsTheLastMove() {
        f.board.execute(propose("qa", alpha));
        f.background.runAll();
        f.board.proposeUndo().orElseThrow(); // shown, then cancelled: never executed
        assertThat(f.board.proposeUndo()).isPresent();
    }

    @Test
    void anAcceptedHostKeyIsTrustedAndTheSameMoveRunsAgain() {
        List<String> asked = new ArrayList<>();
        f.board.setHostKeyPrompt((hostname, unknown, answer) -> {
            asked.add(hostname + " " + unknown.fingerprint());
            answer.accept(true);
        });
        f.mover.failNext(alpha.key(), unknownKey());
        f.board.execute(propose("qa", alpha));
        f.background.runAll();

        assertThat(asked).containsExactly("alpha SHA256:abc");
        assertThat(f.trusted).containsExactly("alpha SHA256:abc");
        assertThat(f.mover.moved).extracting(HostMove::describe).containsExactly("alpha: unassigned → qa");
        assertThat(f.background.titles()).containsExactly("Moving alpha to qa", "Moving alpha to qa");
        assertThat(f.card("alpha").error()).isNull();
        assertThat(f.board.notices()).isEmpty();
    }

    @Test
    void aDeclinedHostKeyFailsTheMoveAndTrustsNothing() {
        f.board.setHostKeyPrompt((hostname, unknown, answer) -> answer.accept(false));
        f.mover.failNext(alpha.key(), unknownKey());
        f.board.execute(propose("qa", alpha));
        f.background.runAll();

        assertThat(f.trusted).isEmpty();
        assertThat(f.mover.moved).isEmpty();
        assertThat(f.card("alpha").isMoving()).isFalse();
        assertThat(f.card("alpha").error()).contains("the host key is not known");
    }

    @Test
    void aHostKeyThatCannotBeRecordedFailsTheMoveWithWhy() {
        f.board.setHostKeyPrompt((hostname, unknown, answer) -> answer.accept(true));
        f.trustFailure = new LabelChangeException("cannot add the host key to known_hosts: read-only file system");
        f.mover.failNext(alpha.key(), unknownKey());
        f.board.execute(propose("qa", alpha));
        f.background.runAll();

        assertThat(f.mover.moved).isEmpty();
        assertThat(f.card("alpha").error()).isEqualTo("cannot add the host key to known_hosts: read-only file system");
    }

    @Test
    void aColumnTheMoveEmptiesIsKeptSoItDoesNotVanish() {
        f.board.execute(propose("qa", bravo));
        assertThat(f.environments.writes).as("kept before the label changes").containsExactly("add lab/demo");
        f.background.runAll();
        f.show(alpha, TestHosts.node("bravo").in("qa").build(), delta);
        assertThat(f.titles()).containsExactly("Unassigned", "demo", "qa");
        assertThat(f.column("demo")).isEmpty();
    }

    @Test
    void aColumnThatCannotBeKeptIsANoticeAndTheMoveStillRuns() {
        f.environments.failWrites = true;
        f.board.execute(propose("qa", bravo));
        f.background.runAll();
        assertThat(f.board.notices()).containsExactly("cannot save environments.json: disk full");
        assertThat(f.mover.moved).extracting(m -> m.host().hostname()).containsExactly("bravo");
    }

    private static LabelChangeException unknownKey() {
        UnknownHostKeyException unknown = new UnknownHostKeyException("root@alpha:22", "alpha", 22, "ssh-ed25519",
                "SHA256:abc", null, Path.of("known_hosts"));
        return new LabelChangeException("alpha: " + unknown.getMessage(), unknown);
    }
}
