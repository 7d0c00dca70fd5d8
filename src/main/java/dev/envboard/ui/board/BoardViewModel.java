package dev.envboard.ui.board;

import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.ui.shell.PoolItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected pool as columns: "Unassigned" first (the free hosts), then one per environment in
 * name order. Columns are rebuilt from each snapshot, replaced only where they changed.
 */
public final class BoardViewModel {
    private final ObservableList<EnvironmentColumnModel> columns = FXCollections.observableArrayList();
    private final ObjectProperty<PoolItem> selectedPool;
    private final ChangeListener<PoolSnapshot> onSnapshot = (obs, old, now) -> rebuild(now);

    public BoardViewModel(ObjectProperty<PoolItem> selectedPool) {
        this.selectedPool = selectedPool;
        selectedPool.addListener((obs, old, now) -> {
            if (old != null) {
                old.snapshotProperty().removeListener(onSnapshot);
            }
            if (now != null) {
                now.snapshotProperty().addListener(onSnapshot);
            }
            rebuild(now == null ? null : now.snapshot());
        });
        if (selectedPool.get() != null) {
            selectedPool.get().snapshotProperty().addListener(onSnapshot);
            rebuild(selectedPool.get().snapshot());
        }
    }

    public ObservableList<EnvironmentColumnModel> columns() {
        return columns;
    }

    public ObjectProperty<PoolItem> selectedPoolProperty() {
        return selectedPool;
    }

    private void rebuild(PoolSnapshot snapshot) {
        List<EnvironmentColumnModel> next = snapshot == null ? List.of() : columnsOf(snapshot.hosts());
        // Replace only changed columns, so a view keeps its nodes (and scroll positions) for the rest.
        for (int i = 0; i < next.size(); i++) {
            if (i < columns.size()) {
                if (!Objects.equals(columns.get(i), next.get(i))) {
                    columns.set(i, next.get(i));
                }
            } else {
                columns.add(next.get(i));
            }
        }
        if (columns.size() > next.size()) {
            columns.remove(next.size(), columns.size());
        }
    }

    static List<EnvironmentColumnModel> columnsOf(List<Host> hosts) {
        Map<String, List<Host>> byEnvironment = new TreeMap<>();
        List<Host> unassigned = new ArrayList<>();
        for (Host host : hosts) {
            if (host.isUnassigned()) {
                unassigned.add(host);
            } else {
                byEnvironment.computeIfAbsent(host.environment(), env -> new ArrayList<>()).add(host);
            }
        }
        Comparator<Host> byName = Comparator.comparing(Host::hostname);
        List<EnvironmentColumnModel> columns = new ArrayList<>();
        unassigned.sort(byName);
        columns.add(new EnvironmentColumnModel(null, unassigned));
        byEnvironment.forEach((env, list) -> {
            list.sort(byName);
            columns.add(new EnvironmentColumnModel(env, list));
        });
        return columns;
    }
}
