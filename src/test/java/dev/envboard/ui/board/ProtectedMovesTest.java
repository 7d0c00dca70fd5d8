package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.pool.Host;
import dev.envboard.pool.move.HostMove;
import dev.envboard.testing.TestHosts;
import dev.envboard.ui.common.NameConfirmation;
import dev.envboard.ui.shell.TestPools;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The board on a pool that protects qa and staging: the lock on their columns, and moves out of them gated by the typed name. */
class ProtectedMovesTest {
    private final Host alpha = TestHosts.node("alpha").build();
    private final Host bravo = TestHosts.node("bravo").in("demo").build();
    private final Host delta = TestHosts.node("delta").in("qa").build();
    private final Host echo = TestHosts.node("echo").in("staging").build();
    private final BoardFixture f = new BoardFixture(TestPools.item(TestPools.labProtecting("qa", "staging"),
            List.of(alpha, bravo, delta, echo)));

    private MoveProposal propose(String to, Host... hosts) {
        return f.board.proposeMove(List.of(hosts), to).orElseThrow();
    }

    @Test
    void protectedColumnsSayTheyAre() {
        assertThat(f.board.columns()).extracting(EnvironmentColumnModel::title, EnvironmentColumnModel::protectedEnvironment)
                .containsExactly(org.assertj.core.api.Assertions.tuple("Unassigned", false),
                        org.assertj.core.api.Assertions.tuple("demo", false),
                        org.assertj.core.api.Assertions.tuple("qa", true),
                        org.assertj.core.api.Assertions.tuple("staging", true));
    }

    @Test
    void aHostLeavingAProtectedEnvironmentMovesOnlyOnceItsExactNameIsTyped() {
        MoveProposal proposal = propose(null, delta);
        NameConfirmation typed = proposal.confirmation();
        assertThat(typed.fields()).extracting(NameConfirmation.Field::prompt).containsExactly("Type qa to confirm");
        NameConfirmation.Field field = typed.fields().get(0);
        for (String wrong : new String[] {"", "q", "QA", "qa ", "staging"}) {
            field.typedProperty().set(wrong);
            assertThat(typed.isConfirmed()).as("\"" + wrong + "\"").isFalse();
        }

        f.board.execute(proposal);
        assertThat(f.background.titles()).as("nothing runs before the name is typed").isEmpty();
        assertThat(f.card("delta").isMoving()).isFalse();
        assertThat(f.board.notices()).containsExactly("qa is protected: type its name to confirm (--confirm qa)");

        field.typedProperty().set("qa");
        assertThat(typed.isConfirmed()).isTrue();
        f.board.execute(proposal);
        f.background.runAll();
        assertThat(f.mover.moved).extracting(HostMove::describe).containsExactly("delta: qa → unassigned");
        assertThat(f.mover.confirmations).as("the mover checks the typed name again").containsExactly("qa");
    }

    @Test
    void hostsLeavingTwoProtectedEnvironmentsNeedBothNamesAndEachMoveCarriesItsOwn() {
        MoveProposal proposal = propose("demo", echo, delta);
        NameConfirmation typed = proposal.confirmation();
        assertThat(typed.fields()).extracting(NameConfirmation.Field::environment).containsExactly("qa", "staging");
        typed.fields().get(0).typedProperty().set("qa");
        assertThat(typed.isConfirmed()).as("staging is not typed yet").isFalse();
        assertThat(typed.refusal()).contains("staging is protected: type its name to confirm (--confirm staging)");
        typed.fields().get(1).typedProperty().set("staging");
        assertThat(typed.isConfirmed()).isTrue();

        f.board.execute(proposal);
        f.background.runAll();
        assertThat(f.mover.moved).extracting(m -> m.host().hostname()).containsExactly("echo", "delta");
        assertThat(f.mover.confirmations).containsExactly("staging", "qa");
    }

    @Test
    void movesIntoOrBetweenUnprotectedEnvironmentsAskNothing() {
        MoveProposal into = propose("qa", alpha, bravo);
        assertThat(into.confirmation().isRequired()).isFalse();
        assertThat(into.confirmation().isConfirmed()).isTrue();
        f.board.execute(into);
        f.background.runAll();
        assertThat(f.mover.moved).hasSize(2);
        assertThat(f.mover.confirmations).containsExactly(null, null);
        assertThat(f.board.notices()).isEmpty();
    }

    @Test
    void renamingAProtectedEnvironmentMovesItsHostsOutSoItAsksToo() {
        MoveProposal rename = f.board.proposeRename("qa", "qa2").join().orElseThrow();
        assertThat(rename.confirmation().fields()).extracting(NameConfirmation.Field::environment).containsExactly("qa");
        f.board.execute(rename);
        assertThat(f.background.titles()).isEmpty();
        assertThat(f.environments.writes).as("not even the new column is kept").isEmpty();
    }
}
