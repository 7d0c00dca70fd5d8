package dev.envboard.ui.shell;

import dev.envboard.pool.PoolMonitor;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.ui.common.Operations;
import dev.envboard.yaml.InputProblem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the main window: pools and their connection state, the selected pool and section,
 * config problems, the status line, and whether to show the welcome page. No Nodes here.
 */
public final class ShellViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PoolsConfig config;
    private final PoolMonitor monitor;
    private final Operations operations;
    private final Executor fx;
    private final ObservableList<PoolItem> pools = FXCollections.observableArrayList();
    private final ObservableList<InputProblem> problems = FXCollections.observableArrayList();
    private final ObjectProperty<PoolItem> selectedPool = new SimpleObjectProperty<>();
    private final ObjectProperty<NavSection> section = new SimpleObjectProperty<>(NavSection.BOARD);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyBooleanWrapper welcomeNeeded = new ReadOnlyBooleanWrapper(false);

    public ShellViewModel(PoolsConfig config, PoolMonitor monitor, Operations operations, Executor fx) {
        this.config = config;
        this.monitor = monitor;
        this.operations = operations;
        this.fx = fx;
        config.pools().forEach(spec -> pools.add(new PoolItem(spec)));
        problems.setAll(config.problems());
        selectedPool.addListener((obs, old, now) -> updateStatus());
        welcomeNeeded.set(pools.isEmpty());
    }

    /** Starts watching every pool; snapshots arrive on I/O threads and are applied on the FX thread. */
    public void start(String preferredPool) {
        PoolItem preferred = pools.stream().filter(p -> p.name().equals(preferredPool)).findFirst()
                .orElse(pools.isEmpty() ? null : pools.get(0));
        selectedPool.set(preferred);
        if (!pools.isEmpty()) {
            // Watching connects event streams (and reads TLS files): the task does it off the FX thread.
            List<PoolItem> items = List.copyOf(pools);
            Runnable watchAll = () -> items.forEach(item ->
                    monitor.watch(item.spec(), snapshot -> fx.execute(() -> apply(item, snapshot))));
            operations.submit(new RefreshPoolsTask("Connecting to " + plural(pools.size()), watchAll, monitor, specs()));
        }
    }

    /** Asks every pool again now, as an operation the user can watch. */
    public void refresh() {
        operations.submit(new RefreshPoolsTask("Refreshing " + plural(pools.size()), () -> { }, monitor, specs()));
    }

    private List<PoolSpec> specs() {
        return pools.stream().map(PoolItem::spec).toList();
    }

    private static String plural(int n) {
        return n == 1 ? "1 pool" : n + " pools";
    }

    private void apply(PoolItem item, PoolSnapshot snapshot) {
        item.update(snapshot);
        updateStatus();
        boolean allChecked = pools.stream().noneMatch(p -> p.status() == PoolStatus.UNKNOWN);
        boolean noneAnswers = pools.stream().allMatch(p -> p.status() == PoolStatus.OFFLINE || p.status() == PoolStatus.REFUSED);
        welcomeNeeded.set(pools.isEmpty() || (allChecked && noneAnswers));
    }

    private void updateStatus() {
        PoolItem item = selectedPool.get();
        if (item == null) {
            status.set(pools.isEmpty() ? "No pool configured" : "No pool selected");
            return;
        }
        PoolSnapshot snapshot = item.snapshot();
        if (snapshot.status() == PoolStatus.UNKNOWN) {
            status.set(item.name() + ": connecting…");
        } else {
            status.set(item.name() + " (" + snapshot.kind().label() + "): " + snapshot.status().label()
                    + ", " + snapshot.message() + " · updated " + TIME.format(snapshot.at()));
        }
    }

    public PoolsConfig config() {
        return config;
    }

    public ObservableList<PoolItem> pools() {
        return pools;
    }

    public ObservableList<InputProblem> problems() {
        return problems;
    }

    public ObjectProperty<PoolItem> selectedPoolProperty() {
        return selectedPool;
    }

    public ObjectProperty<NavSection> sectionProperty() {
        return section;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty welcomeNeededProperty() {
        return welcomeNeeded.getReadOnlyProperty();
    }
}
