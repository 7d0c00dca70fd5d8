package dev.envboard.ui.board;

import dev.envboard.deploy.updates.EnvironmentUpdates;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.label.LabelChangeException;
import dev.envboard.ui.common.InPlaceBackground;
import dev.envboard.ui.shell.PoolItem;
import dev.envboard.ui.shell.TestPools;
import dev.envboard.ui.watch.Watchlist;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A board on the pool "lab" with in-memory services and direct executors (both the I/O and the
 * FX one run in place); moves wait in {@link #background} until the test runs them.
 */
final class BoardFixture {
    static final Executor DIRECT = Runnable::run;

    final FakeMover mover = new FakeMover();
    final FakeEnvironmentStore environments = new FakeEnvironmentStore();
    final FakeDeployStates deploys = new FakeDeployStates();
    final InPlaceBackground background = InPlaceBackground.queued();
    final List<String> trusted = new ArrayList<>();
    final List<String> refreshed = new ArrayList<>();
    final ObjectProperty<HealthSnapshot> health = new SimpleObjectProperty<>();
    final Watchlist watchlist = new Watchlist(List.of());
    /** The background update check: runs only when the test runs {@link #scheduler}'s task. */
    final FakeScheduler scheduler = new FakeScheduler();
    final List<List<String>> checked = new ArrayList<>();
    /** What the next update check finds, by the environments asked; it may throw. */
    Function<List<String>, List<EnvironmentUpdates>> updateRound = environments -> List.of();
    final BoardUpdates updates;
    final PoolItem pool;
    final ObjectProperty<PoolItem> selected;
    final BoardViewModel board;
    LabelChangeException trustFailure;

    BoardFixture(Host... hosts) {
        this(TestPools.item(TestPools.lab(), List.of(hosts)));
    }

    /** A board on {@code pool} as it is (e.g. not answered yet). */
    BoardFixture(PoolItem pool) {
        this.pool = pool;
        selected = new SimpleObjectProperty<>(pool);
        updates = new BoardUpdates(selected, (snapshot, environments) -> {
            checked.add(environments);
            return updateRound.apply(environments);
        }, scheduler, Duration.ofMinutes(5), Duration.ofSeconds(5), DIRECT);
        HostKeyTrust trust = (spec, host, unknown) -> {
            if (trustFailure != null) {
                throw trustFailure;
            }
            trusted.add(host.hostname() + " " + unknown.fingerprint());
        };
        board = new BoardViewModel(selected, health, new BoardServices(mover, trust, environments,
                spec -> refreshed.add(spec.name()), deploys, background, DIRECT, DIRECT, watchlist), updates);
    }

    PoolSpec spec() {
        return pool.spec();
    }

    /** The pool shows these hosts now (a new snapshot). */
    void show(Host... hosts) {
        TestPools.publish(pool, List.of(hosts));
    }

    /** Column titles, left to right. */
    List<String> titles() {
        return board.columns().stream().map(EnvironmentColumnModel::title).toList();
    }

    /** Hostnames of a column's cards, top to bottom ("Unassigned" for that column). */
    List<String> column(String title) {
        return board.columns().stream().filter(c -> c.title().equals(title)).findFirst()
                .map(c -> c.cards().stream().map(card -> card.host().hostname()).toList())
                .orElseThrow(() -> new AssertionError("no column " + title + " in " + titles()));
    }

    CardModel card(String hostname) {
        return board.columns().stream().flatMap(c -> c.cards().stream()).filter(c -> c.host().hostname().equals(hostname))
                .findFirst().orElseThrow(() -> new AssertionError("no card " + hostname));
    }

    String id(String hostname) {
        return card(hostname).id();
    }

    List<String> selected() {
        return board.selectedHosts().stream().map(Host::hostname).toList();
    }
}
