package dev.envboard.ui.deploys;

import dev.envboard.deploy.PullProgress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * The pre-pulls of one run, one row per host and image, sorted. Pull threads report far more
 * often than a screen can show, so only the last report per host and image waits (at most
 * {@link #MAX_ROWS} of them) and at most one update is queued on the FX thread at a time.
 */
final class PullRows {
    static final int MAX_ROWS = 200;
    private static final Comparator<PullProgress> ORDER = Comparator.comparing(PullProgress::host).thenComparing(PullProgress::image);

    private final Executor fx;
    private final Consumer<String> note;
    private final ObservableList<PullProgress> rows;
    private final Set<String> keys = new HashSet<>(); // guarded by this; at most MAX_ROWS
    private final Map<String, PullProgress> pending = new LinkedHashMap<>(); // guarded by this
    private boolean queued; // guarded by this: a flush is on the FX thread's queue
    private boolean overflowed; // guarded by this
    private boolean overflowNoted; // FX thread

    /**
     * @param rows where the rows go, touched on the FX thread only
     * @param note says something on the FX thread (once: that pulls beyond the bound are not listed)
     */
    PullRows(Executor fx, ObservableList<PullProgress> rows, Consumer<String> note) {
        this.fx = fx;
        this.rows = rows;
        this.note = note;
    }

    /** From any thread, never blocks on the FX thread. */
    void offer(PullProgress progress) {
        String key = progress.host() + "\n" + progress.image();
        synchronized (this) {
            if (keys.contains(key) || keys.size() < MAX_ROWS) {
                keys.add(key);
                pending.put(key, progress);
            } else {
                overflowed = true;
            }
            if (queued) {
                return;
            }
            queued = true;
        }
        fx.execute(this::flush);
    }

    private void flush() {
        List<PullProgress> batch;
        boolean overflow;
        synchronized (this) {
            batch = new ArrayList<>(pending.values());
            pending.clear();
            queued = false;
            overflow = overflowed;
        }
        for (PullProgress progress : batch) {
            apply(progress);
        }
        if (overflow && !overflowNoted) {
            overflowNoted = true;
            note.accept("more than " + MAX_ROWS + " pulls (host × image): only the first " + MAX_ROWS + " are listed");
        }
    }

    private void apply(PullProgress progress) {
        for (int i = 0; i < rows.size(); i++) {
            int order = ORDER.compare(rows.get(i), progress);
            if (order == 0) {
                rows.set(i, progress);
                return;
            }
            if (order > 0) {
                rows.add(i, progress);
                return;
            }
        }
        rows.add(progress);
    }
}
