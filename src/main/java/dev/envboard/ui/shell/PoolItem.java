package dev.envboard.ui.shell;

import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** A pool as the UI sees it: its configuration and its latest snapshot, observable on the FX thread. */
public final class PoolItem {
    private final PoolSpec spec;
    private final ReadOnlyObjectWrapper<PoolSnapshot> snapshot;

    public PoolItem(PoolSpec spec) {
        this.spec = spec;
        this.snapshot = new ReadOnlyObjectWrapper<>(PoolSnapshot.unknown(spec));
    }

    public PoolSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public ReadOnlyObjectProperty<PoolSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public PoolSnapshot snapshot() {
        return snapshot.get();
    }

    public PoolStatus status() {
        return snapshot.get().status();
    }

    /** Call on the FX thread. */
    void update(PoolSnapshot next) {
        snapshot.set(next);
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
