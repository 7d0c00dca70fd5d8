package dev.envboard.ui.shell;

import dev.envboard.pool.PoolMonitor;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import java.util.List;
import javafx.concurrent.Task;

/** Connecting to (or refreshing) every pool, as one operation with progress in the task list. */
final class RefreshPoolsTask extends Task<Void> {
    private final Runnable first;
    private final PoolMonitor monitor;
    private final List<PoolSpec> pools;
    private final boolean askAgain;

    /**
     * @param first    runs on the task's thread before the pools are asked (starting their watches)
     * @param askAgain inspect every pool now; otherwise a pool that has answered already is not asked again
     */
    RefreshPoolsTask(String title, Runnable first, PoolMonitor monitor, List<PoolSpec> pools, boolean askAgain) {
        this.first = first;
        this.monitor = monitor;
        this.pools = List.copyOf(pools);
        this.askAgain = askAgain;
        updateTitle(title);
    }

    @Override
    protected Void call() {
        first.run();
        for (int i = 0; i < pools.size(); i++) {
            PoolSpec pool = pools.get(i);
            updateMessage(pool.name() + "…");
            updateProgress(i, pools.size());
            PoolSnapshot snapshot = (askAgain ? monitor.refreshNow(pool) : monitor.answer(pool)).join();
            updateMessage(pool.name() + ": " + snapshot.status().label());
        }
        updateProgress(pools.size(), pools.size());
        return null;
    }
}
