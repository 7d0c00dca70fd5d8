package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.pool.Host;
import dev.envboard.testing.TestHosts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The board's search (by display name, address, labels; highlighted, dimmed, counted; Enter/F3
 * order) and its layout (compact cards, collapsed columns per pool and environment).
 * Unassigned [alpha], demo [bravo, charlie], qa [delta, echo].
 */
class BoardSearchAndLayoutTest {
    private final Host alpha = TestHosts.node("alpha").address("10.0.0.1").build();
    private final Host bravo = TestHosts.node("bravo").in("demo").address("10.0.0.2").build();
    private final Host charlie = TestHosts.node("charlie").in("demo").address("10.0.1.3").labels(Map.of("gpu", "a100")).build();
    private final Host delta = TestHosts.node("delta").in("qa").address("10.0.1.4").build();
    private final Host echo = TestHosts.node("echo").in("qa").address("10.0.0.5").labels(Map.of("zone", "b")).build();
    private final BoardFixture f = new BoardFixture(alpha, bravo, charlie, delta, echo);

    @Test
    void withoutASearchNoCardIsMarkedAndNothingIsCounted() {
        assertThat(marks()).containsOnlyKeys("alpha", "bravo", "charlie", "delta", "echo").allSatisfy((host, mark) ->
                assertThat(mark).isEqualTo(CardModel.SearchMark.NONE));
        assertThat(f.board.searchSummaryProperty().get()).isEmpty();
    }

    @Test
    void matchesNameAddressAndLabelsIgnoringCaseAndCountsThem() {
        f.board.search("ECH");
        assertThat(matching()).containsExactly("echo");
        assertThat(f.board.searchSummaryProperty().get()).isEqualTo("1 of 5 hosts");
        assertThat(marks().get("alpha")).isEqualTo(CardModel.SearchMark.OTHER);

        f.board.search("10.0.1.");
        assertThat(matching()).containsExactly("charlie", "delta");
        assertThat(f.board.searchSummaryProperty().get()).isEqualTo("2 of 5 hosts");

        f.board.search("gpu=a100");
        assertThat(matching()).containsExactly("charlie");
        f.board.search("environment=qa");
        assertThat(matching()).as("the environment label is a label too").containsExactly("delta", "echo");
    }

    @Test
    void everyWordMustMatchSomewhere() {
        f.board.search("  qa   zone=b ");
        assertThat(matching()).containsExactly("echo");
        f.board.search("demo 10.0.0.");
        assertThat(matching()).containsExactly("bravo");
    }

    @Test
    void nothingMatchingDimsEveryCardAndHasNoNextMatch() {
        f.board.search("zulu");
        assertThat(matching()).isEmpty();
        assertThat(marks().values()).containsOnly(CardModel.SearchMark.OTHER);
        assertThat(f.board.searchSummaryProperty().get()).isEqualTo("0 of 5 hosts");
        assertThat(f.board.nextMatch(1)).isEmpty();
    }

    @Test
    void nextMatchGoesInBoardOrderWrapsAroundAndBackwards() {
        f.board.search("10.0.0.");
        assertThat(matching()).containsExactly("alpha", "bravo", "echo");
        assertThat(next(1)).contains("alpha");
        assertThat(marks().get("alpha")).isEqualTo(CardModel.SearchMark.CURRENT);
        assertThat(next(1)).contains("bravo");
        assertThat(marks().get("alpha")).isEqualTo(CardModel.SearchMark.MATCH);
        assertThat(next(1)).contains("echo");
        assertThat(next(1)).as("after the last, the first").contains("alpha");
        assertThat(next(-1)).as("before the first, the last").contains("echo");
    }

    @Test
    void aNewQueryStartsFromTheFirstMatchAndClearingUnmarksEveryCard() {
        f.board.search("10.0.0.");
        next(1);
        next(1);
        f.board.search("10.0.0.5");
        assertThat(next(1)).contains("echo");
        f.board.clearSearch();
        assertThat(marks().values()).containsOnly(CardModel.SearchMark.NONE);
        assertThat(f.board.searchSummaryProperty().get()).isEmpty();
    }

    @Test
    void theSearchFollowsNewSnapshots() {
        f.board.search("foxtrot");
        assertThat(f.board.searchSummaryProperty().get()).isEqualTo("0 of 5 hosts");
        f.show(alpha, bravo, charlie, delta, echo, TestHosts.node("foxtrot").in("qa").build());
        assertThat(matching()).containsExactly("foxtrot");
        assertThat(f.board.searchSummaryProperty().get()).isEqualTo("1 of 6 hosts");
    }

    @Test
    void columnsCollapsePerPoolAndEnvironmentAndUnassignedToo() {
        f.board.setCollapsed("qa", true);
        f.board.setCollapsed(null, true);
        assertThat(f.board.isCollapsed("qa")).isTrue();
        assertThat(f.board.isCollapsed(null)).isTrue();
        assertThat(f.board.isCollapsed("demo")).isFalse();
        assertThat(f.board.layout().collapsedCopy()).containsExactlyInAnyOrder("lab/qa", "lab/");
        f.board.setCollapsed("qa", false);
        assertThat(f.board.layout().collapsedCopy()).containsExactly("lab/");
    }

    @Test
    void aRestoredLayoutAppliesToItsPoolOnly() {
        f.board.layout().restore(true, List.of("lab/demo", "other/qa"));
        assertThat(f.board.layout().compactProperty().get()).isTrue();
        assertThat(f.board.isCollapsed("demo")).isTrue();
        assertThat(f.board.isCollapsed("qa")).as("collapsed in another pool").isFalse();
    }

    @Test
    void goingToAMatchExpandsItsCollapsedColumn() {
        f.board.setCollapsed("qa", true);
        f.board.search("delta");
        assertThat(next(1)).contains("delta");
        assertThat(f.board.isCollapsed("qa")).isFalse();
    }

    private Optional<String> next(int step) {
        return f.board.nextMatch(step).map(card -> card.host().hostname());
    }

    private Map<String, CardModel.SearchMark> marks() {
        return f.board.columns().stream().flatMap(c -> c.cards().stream())
                .collect(java.util.stream.Collectors.toMap(c -> c.host().hostname(), CardModel::search));
    }

    /** Matching hostnames in board order. */
    private List<String> matching() {
        return f.board.columns().stream().flatMap(c -> c.cards().stream())
                .filter(c -> c.search() == CardModel.SearchMark.MATCH || c.search() == CardModel.SearchMark.CURRENT)
                .map(c -> c.host().hostname()).toList();
    }
}
