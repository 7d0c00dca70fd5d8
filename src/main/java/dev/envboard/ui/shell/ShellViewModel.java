package dev.envboard.ui.shell;

import dev.envboard.pool.PoolMonitor;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.runtime.Notices;
import dev.envboard.ui.common.Operations;
import dev.envboard.yaml.InputProblem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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
 * config problems, the status line and the notices the services report (a record not written,
 * corrupt lines skipped), and whether to show the welcome page. No Nodes here.
 */
public final class ShellViewModel {
    /** Notices kept for the status bar's list; older ones drop off. */
    static final int NOTICES_KEPT = 20;
    /**
     * To the minute: with seconds the status line changed at every safety inspection (every 5 s), a
     * layout and a repaint each time for a window where nothing else changes.
     */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

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
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final Notices noticeSource;
    private final Consumer<Notices.Notice> noticeListener;

    /** @param notices what the services report; each one reaches the status bar through {@code fx} */
    public ShellViewModel(PoolsConfig config, PoolMonitor monitor, Operations operations, Notices notices, Executor fx) {
        this.config = config;
        this.monitor = monitor;
        this.operations = operations;
        this.fx = fx;
        config.pools().forEach(spec -> pools.add(new PoolItem(spec)));
        problems.setAll(config.problems());
        selectedPool.addListener((obs, old, now) -> updateStatus());
        welcomeNeeded.set(pools.isEmpty());
        this.noticeSource = notices;
        this.noticeListener = reported -> fx.execute(() -> addNotice(reported.text()));
        notices.addListener(noticeListener);
    }

    /** Also for the window's own troubles (its state not saved); call on the FX thread. */
    public void addNotice(String text) {
        notices.add(text);
        if (notices.size() > NOTICES_KEPT) {
            notices.remove(0, notices.size() - NOTICES_KEPT);
        }
        updateNotice();
    }

    public void dismissNotices() {
        notices.clear();
        updateNotice();
    }

    private void updateNotice() {
        if (notices.isEmpty()) {
            notice.set("");
            return;
        }
        String newest = notices.get(notices.size() - 1);
        notice.set(notices.size() == 1 ? newest : newest + " (and " + (notices.size() - 1) + " earlier)");
    }

    /** Stops hearing the services' notices. */
    public void close() {
        noticeSource.removeListener(noticeListener);
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
            operations.submit(new RefreshPoolsTask("Connecting to " + plural(pools.size()), watchAll, monitor, specs(), false));
        }
    }

    /** Asks every pool again now, as an operation the user can watch. */
    public void refresh() {
        operations.submit(new RefreshPoolsTask("Refreshing " + plural(pools.size()), () -> { }, monitor, specs(), true));
    }

    private List<PoolSpec> specs() {
        return pools.stream().map(PoolItem::spec).toList();
    }

    private static String plural(int n) {
        return n == 1 ? "1 pool" : n + " pools";
    }

    private void apply(PoolItem item, PoolSnapshot snapshot) {
        if (!item.update(snapshot) && item != selectedPool.get()) {
            return; // nothing shown changed
        }
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
        status.set(statusOf(item));
    }

    /** The status line for a selected pool. */
    static String statusOf(PoolItem item) {
        PoolSnapshot snapshot = item.snapshot();
        if (snapshot.status() == PoolStatus.UNKNOWN) {
            return item.name() + ": connecting…";
        }
        return item.name() + " (" + snapshot.kind().label() + "): " + snapshot.status().label()
                + ", " + snapshot.message() + " · updated " + TIME.format(item.answeredAt());
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

    /** Newest last, at most {@value #NOTICES_KEPT}. */
    public ObservableList<String> notices() {
        return notices;
    }

    /** The newest notice (with how many came before), or empty: what the status bar shows. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty welcomeNeededProperty() {
        return welcomeNeeded.getReadOnlyProperty();
    }
}
