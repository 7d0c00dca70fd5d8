package dev.envboard.ui.shell;

import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import java.time.Instant;

/** A pool as the UI sees it: its configuration and its latest snapshot, observable on the FX thread. */
public final class PoolItem {
    private final PoolSpec spec;
    private final ReadOnlyObjectWrapper<PoolSnapshot> snapshot;
    /** When the pool last answered, changed or not (FX thread). */
    private Instant answeredAt = Instant.EPOCH;

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

    /** When the pool's last inspection ended, even one that found nothing new. */
    public Instant answeredAt() {
        return answeredAt;
    }

    /**
     * Call on the FX thread. An answer the same as the one shown (the periodic safety inspection of
     * an idle pool) only moves {@link #answeredAt}: the snapshot's listeners (board, pool bar,
     * health, update check) hear only changes. Returns whether the snapshot changed.
     */
    boolean update(PoolSnapshot next) {
        answeredAt = next.at();
        if (next.sameContent(snapshot.get())) {
            return false;
        }
        snapshot.set(next);
        return true;
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
