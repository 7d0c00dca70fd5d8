package dev.envboard.ui.demo;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.InPlaceBackground;
import dev.envboard.ui.shell.PoolItem;
import dev.envboard.ui.shell.TestPools;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Demos on a board of two pools ("lab", selected, and "field") with the fake service, a moving
 * clock, direct executors, and operations that wait in {@link #background} until the test runs them.
 */
final class DemoFixture {
    static final Executor DIRECT = Runnable::run;
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    final MovingClock clock = new MovingClock(START);
    final FakeDemos demos = new FakeDemos(clock);
    final InPlaceBackground background = InPlaceBackground.queued();
    final List<String> notices = new ArrayList<>();
    final List<String> refreshed = new ArrayList<>();
    final List<String> opened = new ArrayList<>();
    final List<String> copied = new ArrayList<>();
    /** Notifications shown: title, then text; {@link #clicks} runs what clicking each would. */
    final List<String> notified = new ArrayList<>();
    final List<Runnable> clicks = new ArrayList<>();
    final Set<String> protectedEnvironments = new HashSet<>();
    List<Host> selectedHosts = List.of();
    final PoolItem lab;
    final PoolItem field;
    final ObservableList<PoolItem> pools;
    final ObjectProperty<PoolItem> selected;
    final DemoBoardModel model;

    DemoFixture(Host... labHosts) {
        lab = TestPools.item(TestPools.lab(), List.of(labHosts));
        field = TestPools.item(new PoolSpec("field", PoolKind.SWARM, "environment", LabelScope.NODE,
                EndpointSpec.parse("tcp://manager.field:2376", null, true), List.of(), null, "test", null), List.of());
        pools = FXCollections.observableArrayList(lab, field);
        selected = new SimpleObjectProperty<>(lab);
        Links links = new Links() {
            @Override
            public void open(String url) {
                opened.add(url);
            }

            @Override
            public void copy(String text) {
                copied.add(text);
            }
        };
        ExpiryNotifier notifier = (title, text, onClick) -> {
            notified.add(title);
            clicks.add(onClick);
        };
        model = new DemoBoardModel(pools, selected, new DemoServices(demos, background, pool -> refreshed.add(pool.name()), links,
                notifier, (pool, env) -> protectedEnvironments.contains(env), DIRECT, DIRECT),
                notices::add, () -> selectedHosts, () -> List.of("qa"));
    }

    /** The column model of an environment of the selected pool, or null. */
    DemoColumnModel column(String environment) {
        return model.column(environment).get();
    }
}
