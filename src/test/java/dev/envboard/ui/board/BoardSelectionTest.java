package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.pool.Host;
import dev.envboard.testing.TestHosts;
import org.junit.jupiter.api.Test;

/** Clicks and arrow keys on the board: Unassigned [alpha], demo [bravo, charlie], qa [delta]. */
class BoardSelectionTest {
    private final Host alpha = TestHosts.node("alpha").build();
    private final Host bravo = TestHosts.node("bravo").in("demo").build();
    private final Host charlie = TestHosts.node("charlie").in("demo").build();
    private final Host delta = TestHosts.node("delta").in("qa").build();
    private final BoardFixture f = new BoardFixture(delta, charlie, alpha, bravo);

    @Test
    void columnsAreUnassignedFirstThenEnvironmentsByNameWithCardsByHostname() {
        assertThat(f.titles()).containsExactly("Unassigned", "demo", "qa");
        assertThat(f.column("demo")).containsExactly("bravo", "charlie");
    }

    @Test
    void clickSelectsOneCardAndCtrlClickToggles() {
        f.board.select(f.id("alpha"), false);
        assertThat(f.selected()).containsExactly("alpha");
        f.board.select(f.id("bravo"), true);
        assertThat(f.selected()).containsExactly("alpha", "bravo");
        f.board.select(f.id("alpha"), true);
        assertThat(f.selected()).containsExactly("bravo");
        f.board.select(f.id("charlie"), false);
        assertThat(f.selected()).containsExactly("charlie");
        assertThat(f.card("charlie").selected()).isTrue();
        f.board.clearSelection();
        assertThat(f.selected()).isEmpty();
    }

    @Test
    void anArrowWithoutASelectionSelectsTheFirstCard() {
        f.board.moveSelection(1, 0);
        assertThat(f.selected()).containsExactly("alpha");
    }

    @Test
    void leftAndRightGoToTheSameRowOfTheNextColumnAndWrapAround() {
        f.board.select(f.id("charlie"), false); // demo, second row
        f.board.moveSelection(1, 0);
        assertThat(f.selected()).as("qa has one card: the row is clamped").containsExactly("delta");
        f.board.moveSelection(1, 0);
        assertThat(f.selected()).as("right of the last column is the first").containsExactly("alpha");
        f.board.moveSelection(-1, 0);
        assertThat(f.selected()).as("left of the first column is the last").containsExactly("delta");
        f.board.moveSelection(-1, 0);
        assertThat(f.selected()).containsExactly("bravo");
    }

    @Test
    void upAndDownStayInTheColumnAndStopAtItsEnds() {
        f.board.select(f.id("bravo"), false);
        f.board.moveSelection(0, 1);
        assertThat(f.selected()).containsExactly("charlie");
        f.board.moveSelection(0, 1);
        assertThat(f.selected()).containsExactly("charlie");
        f.board.moveSelection(0, -1);
        f.board.moveSelection(0, -1);
        assertThat(f.selected()).containsExactly("bravo");
    }

    @Test
    void arrowsSkipColumnsWithoutCards() {
        f.board.createEnvironment("empty").join();
        assertThat(f.titles()).containsExactly("Unassigned", "demo", "empty", "qa");
        f.board.select(f.id("bravo"), false);
        f.board.moveSelection(1, 0);
        assertThat(f.selected()).containsExactly("delta");
    }

    @Test
    void anArrowKeyReplacesAMultipleSelection() {
        f.board.select(f.id("alpha"), false);
        f.board.select(f.id("delta"), true);
        f.board.moveSelection(1, 0);
        assertThat(f.selected()).as("from the first selected card").containsExactly("bravo");
    }

    @Test
    void aDragCarriesTheSelectionWhenTheCardIsInItElseOnlyTheCard() {
        f.board.select(f.id("alpha"), false);
        f.board.select(f.id("bravo"), true);
        assertThat(f.board.dragged(f.id("bravo"))).extracting(Host::hostname).containsExactly("alpha", "bravo");
        assertThat(f.board.dragged(f.id("delta"))).extracting(Host::hostname).containsExactly("delta");
    }

    @Test
    void aHostThatLeavesThePoolLeavesTheSelectionAndAnotherPoolStartsWithNone() {
        f.board.select(f.id("alpha"), false);
        f.board.select(f.id("bravo"), true);
        f.show(alpha, charlie, delta);
        assertThat(f.selected()).containsExactly("alpha");
        f.show(alpha, bravo, charlie, delta);
        assertThat(f.selected()).as("a host that comes back is not selected again").containsExactly("alpha");

        f.selected.set(dev.envboard.ui.shell.TestPools.item(f.spec(), java.util.List.of(alpha, bravo)));
        assertThat(f.selected()).isEmpty();
    }

    @Test
    void onlyChangedColumnsAreReplacedSoTheViewKeepsTheOthers() {
        EnvironmentColumnModel qa = f.board.columns().get(2);
        EnvironmentColumnModel demo = f.board.columns().get(1);
        f.board.select(f.id("bravo"), false);
        assertThat(f.board.columns().get(2)).isSameAs(qa);
        assertThat(f.board.columns().get(1)).isNotSameAs(demo);
    }
}
