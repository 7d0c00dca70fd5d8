package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.testing.TestHosts;
import org.junit.jupiter.api.Test;

/** The star on a column: watching is per pool and environment, and the column shows it. */
class WatchStarTest {
    private final BoardFixture f = new BoardFixture(TestHosts.node("alpha").in("qa").build(), TestHosts.node("bravo").in("demo").build());

    private boolean watchedColumn(String environment) {
        return f.board.columns().stream().filter(c -> environment.equals(c.environment())).findFirst().orElseThrow().watched();
    }

    @Test
    void theStarWatchesTheEnvironmentOfThePoolOnScreenAndAgainStopsIt() {
        assertThat(watchedColumn("qa")).isFalse();
        f.board.toggleWatch("qa");
        assertThat(watchedColumn("qa")).isTrue();
        assertThat(watchedColumn("demo")).isFalse();
        assertThat(f.watchlist.copy()).containsExactly("lab/qa");
        assertThat(f.board.columns().get(0).watched()).as("Unassigned has no star").isFalse();

        f.board.toggleWatch("qa");
        assertThat(watchedColumn("qa")).isFalse();
        assertThat(f.watchlist.copy()).isEmpty();
    }

    @Test
    void aWatchSetElsewhereShowsOnTheColumn() {
        f.watchlist.setWatched("lab", "demo", true);
        f.watchlist.setWatched("other-pool", "qa", true);
        assertThat(watchedColumn("demo")).isTrue();
        assertThat(watchedColumn("qa")).as("qa of another pool").isFalse();
    }
}
