package dev.envboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolStatus;
import dev.envboard.testing.TestHosts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool is inspected every few seconds as a safety net; an idle pool answers the same each
 * time. Such an answer must wake nothing that listens to the pool (board, pool bar, health, update
 * check): only a changed answer does. The status line still learns when the pool last answered.
 */
class UnchangedSnapshotTest {
    private final Host alpha = TestHosts.node("alpha").in("qa").build();
    private final Host bravo = TestHosts.node("bravo").build();
    private final PoolItem item = new PoolItem(TestPools.lab());
    private final List<PoolSnapshot> heard = new ArrayList<>();

    UnchangedSnapshotTest() {
        item.snapshotProperty().addListener((obs, old, now) -> heard.add(now));
    }

    @Test
    void theSameAnswerLaterWakesNoListenerButMovesTheAnswerTime() {
        assertThat(item.update(snapshot(Instant.parse("2026-01-01T10:00:00Z"), alpha, bravo))).isTrue();
        PoolSnapshot first = item.snapshot();

        boolean changed = item.update(snapshot(Instant.parse("2026-01-01T10:00:05Z"), alpha, bravo));

        assertThat(changed).isFalse();
        assertThat(heard).containsExactly(first);
        assertThat(item.snapshot()).isSameAs(first);
        assertThat(item.answeredAt()).isEqualTo(Instant.parse("2026-01-01T10:00:05Z"));
    }

    @Test
    void aChangedHostIsHeard() {
        item.update(snapshot(Instant.parse("2026-01-01T10:00:00Z"), alpha, bravo));
        Host bravoInQa = TestHosts.node("bravo").in("qa").build();

        boolean changed = item.update(snapshot(Instant.parse("2026-01-01T10:00:05Z"), alpha, bravoInQa));

        assertThat(changed).isTrue();
        assertThat(heard).hasSize(2);
        assertThat(item.snapshot().hosts()).containsExactly(alpha, bravoInQa);
    }

    @Test
    void aChangedStatusIsHeard() {
        item.update(snapshot(Instant.parse("2026-01-01T10:00:00Z"), alpha, bravo));

        item.update(PoolSnapshot.failed(item.spec(), PoolStatus.OFFLINE, "connection refused", Instant.parse("2026-01-01T10:00:05Z")));

        assertThat(heard).hasSize(2);
        assertThat(item.status()).isEqualTo(PoolStatus.OFFLINE);
    }

    @Test
    void theStatusLineChangesWithTheMinuteNotWithEachAnswer() {
        item.update(snapshot(Instant.parse("2026-01-01T10:00:01Z"), alpha, bravo));
        String first = ShellViewModel.statusOf(item);
        item.update(snapshot(Instant.parse("2026-01-01T10:00:56Z"), alpha, bravo));
        String sameMinute = ShellViewModel.statusOf(item);
        item.update(snapshot(Instant.parse("2026-01-01T10:01:01Z"), alpha, bravo));

        assertThat(sameMinute).isEqualTo(first);
        assertThat(ShellViewModel.statusOf(item)).isNotEqualTo(first).startsWith("lab (");
    }

    private PoolSnapshot snapshot(Instant at, Host... hosts) {
        return new PoolSnapshot(item.spec(), item.spec().kind(), PoolStatus.ONLINE, hosts.length + " hosts", List.of(hosts), at);
    }
}
