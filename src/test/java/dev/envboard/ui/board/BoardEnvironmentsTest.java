package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.pool.Host;
import dev.envboard.testing.TestHosts;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Creating, renaming and removing environments; the store is written through the I/O executor. */
class BoardEnvironmentsTest {
    private final Host alpha = TestHosts.node("alpha").build();
    private final Host bravo = TestHosts.node("bravo").in("demo").build();
    private final Host charlie = TestHosts.node("charlie").in("demo").build();
    private final BoardFixture f = new BoardFixture(alpha, bravo, charlie);

    @Test
    void createAddsAnEmptyColumnAndRemembersIt() {
        f.board.createEnvironment("staging").join();
        assertThat(f.titles()).containsExactly("Unassigned", "demo", "staging");
        assertThat(f.column("staging")).isEmpty();
        assertThat(f.environments.writes).containsExactly("add lab/staging");
    }

    @Test
    void createRefusesAnInvalidOrTakenNameAndWritesNothing() {
        assertThatThrownBy(() -> f.board.createEnvironment("Bad Name").join()).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use lower-case letters");
        assertThatThrownBy(() -> f.board.createEnvironment("demo").join())
                .hasMessageContaining("there is already an environment \"demo\"");
        assertThat(f.environments.writes).isEmpty();
        assertThat(f.titles()).containsExactly("Unassigned", "demo");
    }

    @Test
    void aFailedWriteFailsTheCreateWithItsReason() {
        f.environments.failWrites = true;
        assertThatThrownBy(() -> f.board.createEnvironment("staging").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot save environments.json");
        assertThat(f.titles()).containsExactly("Unassigned", "demo");
    }

    @Test
    void anEnvironmentWithoutHostsIsRenamedAtOnce() {
        f.board.createEnvironment("staging").join();
        assertThat(f.board.proposeRename("staging", "preprod").join()).as("nothing to confirm").isEmpty();
        assertThat(f.titles()).containsExactly("Unassigned", "demo", "preprod");
        assertThat(f.environments.of("lab")).containsExactly("preprod");
    }

    @Test
    void renamingAnEnvironmentWithHostsProposesToRelabelThemAndChangesNothingBeforeItRuns() {
        MoveProposal rename = f.board.proposeRename("demo", "showcase").join().orElseThrow();
        assertThat(rename.title()).isEqualTo("Rename demo to showcase?");
        assertThat(rename.changes()).containsExactly("bravo: environment=showcase, was demo", "charlie: environment=showcase, was demo");
        assertThat(f.environments.writes).as("a cancelled rename leaves nothing behind").isEmpty();
        assertThat(f.titles()).containsExactly("Unassigned", "demo");

        f.board.execute(rename);
        assertThat(f.titles()).as("the new column is there while the hosts move over").containsExactly("Unassigned", "demo", "showcase");
        f.background.runAll();
        assertThat(f.mover.moved).extracting(m -> m.host().hostname() + "→" + m.to()).containsExactly("bravo→showcase", "charlie→showcase");
        assertThat(f.environments.writes).containsExactly("add lab/showcase", "remove lab/demo");

        f.show(alpha, TestHosts.node("bravo").in("showcase").build(), TestHosts.node("charlie").in("showcase").build());
        assertThat(f.titles()).containsExactly("Unassigned", "showcase");
        assertThat(f.column("showcase")).containsExactly("bravo", "charlie");
    }

    @Test
    void renameRefusesAnInvalidOrTakenName() {
        f.board.createEnvironment("staging").join();
        assertThatThrownBy(() -> f.board.proposeRename("staging", "demo").join()).hasMessageContaining("already an environment");
        assertThatThrownBy(() -> f.board.proposeRename("demo", "-x").join()).hasMessageContaining("use lower-case letters");
        assertThat(f.mover.planned).isEmpty();
    }

    @Test
    void onlyAnEnvironmentWithoutHostsCanBeRemoved() {
        assertThatThrownBy(() -> f.board.removeEnvironment("demo").join()).hasMessageContaining("\"demo\" still has hosts: move them first");
        f.board.createEnvironment("staging").join();
        f.board.removeEnvironment("staging").join();
        assertThat(f.titles()).containsExactly("Unassigned", "demo");
        assertThat(f.environments.writes).containsExactly("add lab/staging", "remove lab/staging");
    }

    @Test
    void environmentsAreKeptPerPool() {
        f.board.createEnvironment("staging").join();
        f.selected.set(dev.envboard.ui.shell.TestPools.item(
                new dev.envboard.pool.PoolSpec("other", f.spec().kind(), "environment", f.spec().labelScope(), f.spec().manager(),
                        java.util.List.of(), null, "test", null), java.util.List.of()));
        assertThat(f.titles()).containsExactly("Unassigned");
        f.selected.set(f.pool);
        assertThat(f.titles()).containsExactly("Unassigned", "demo", "staging");
    }
}
