package dev.envboard.ui;

import dev.envboard.containers.ContainerRow;
import dev.envboard.pool.Host;
import dev.envboard.ui.board.EnvironmentColumnModel;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;

/**
 * With {@code ENVBOARD_BENCH_PROBE=1}, what {@code scripts/bench.sh scale} measures inside the
 * window, as lines on stderr ({@code envboard-probe ...}):
 * <ul>
 * <li>{@code pulses HEAP_USED WALL_US CPU_US ...}, once a second: each scene pulse's CSS and layout
 *     (from the pre-layout to the post-layout pulse listener) in microseconds, by the wall clock and
 *     in the FX thread's own CPU time (what a loaded machine's preemption does not inflate), and
 *     the heap in use;</li>
 * <li>{@code fx-delays US ...}, once a second: how long a task posted every 100 ms waited for the FX
 *     thread (what a click would wait);</li>
 * <li>{@code row EPOCH_US ID STATE HEALTH} after the layout pulse that follows a container row
 *     reaching the table's (sorted, filtered) items, and {@code card EPOCH_US HOST ENVIRONMENT}
 *     after the one that follows the board's columns putting a host in another environment;</li>
 * <li>{@code status ...}, once a second: the containers count line and the board's cards.</li>
 * </ul>
 * With {@code ENVBOARD_BENCH_OPEN=containers} it opens the Containers view after the first frame,
 * as a click on its navigation button does, and types {@code ENVBOARD_BENCH_FILTER} into its
 * filter; the board's model stays live behind it. The FX side only records; a daemon thread prints.
 */
final class BenchProbe {
    static final String ENV = "ENVBOARD_BENCH_PROBE";
    private static final long PERIOD_MS = 100;

    private final Scene scene;
    private final ObservableList<EnvironmentColumnModel> columns;
    private final PrintWriter err;
    private final String open;
    private final String filter;
    /** Guarded by this: filled on the FX thread, printed by the probe's thread. */
    private List<Long> pulses = new ArrayList<>();
    private List<Long> delays = new ArrayList<>();
    private String status = "";
    /** FX thread only. */
    private final List<String> pendingShown = new ArrayList<>();
    private final Map<String, String> environmentOf = new HashMap<>();
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long preLayout;
    private long preLayoutCpu;
    private boolean opened;
    /** The view was asked for; its controls get their skins (and children to look up) in a pulse after. */
    private boolean opening;
    private TableView<?> table;
    /** Found once with the table: a lookup walks the whole scene, too dear ten times a second. */
    private Label count;
    private Label empty;

    private BenchProbe(Scene scene, ObservableList<EnvironmentColumnModel> columns, Map<String, String> env, PrintWriter err) {
        this.scene = scene;
        this.columns = columns;
        this.err = err;
        this.open = env.getOrDefault("ENVBOARD_BENCH_OPEN", "");
        this.filter = env.getOrDefault("ENVBOARD_BENCH_FILTER", "");
    }

    /** Call on the FX thread, right after the stage is shown. */
    static void attach(Scene scene, ObservableList<EnvironmentColumnModel> columns, Map<String, String> env, PrintWriter err) {
        BenchProbe probe = new BenchProbe(scene, columns, env, err);
        scene.addPreLayoutPulseListener(() -> {
            probe.preLayout = System.nanoTime();
            probe.preLayoutCpu = THREADS.getCurrentThreadCpuTime();
        });
        scene.addPostLayoutPulseListener(probe::afterLayout);
        columns.addListener((ListChangeListener<EnvironmentColumnModel>) change -> probe.boardApplied());
        Thread printer = new Thread(probe::print, "envboard-bench-probe");
        printer.setDaemon(true);
        printer.start();
    }

    private void boardApplied() {
        for (EnvironmentColumnModel column : columns) {
            for (Host host : column.hosts()) {
                String before = environmentOf.put(host.displayName(), column.environment());
                if (before != null && !before.equals(column.environment())) {
                    pendingShown.add("card " + "%s " + host.displayName() + " " + column.environment());
                }
            }
        }
    }

    private void openView() {
        Node button = scene.lookup("#nav-" + open);
        if (button instanceof ButtonBase nav) {
            nav.fire();
        } else {
            say("failed no #nav-" + open);
            return;
        }
        opening = true;
    }

    /** After the pulse that built the view's skins: its filter and table can be found. */
    private void findView() {
        Node field = scene.lookup("#" + open + "-filter");
        Node found = scene.lookup("#" + open + "-table");
        if (!(field instanceof TextInputControl text) || !(found instanceof TableView<?> view)) {
            return; // a later pulse
        }
        opening = false;
        count = scene.lookup("#" + open + "-count") instanceof Label label ? label : null;
        empty = scene.lookup("#" + open + "-empty") instanceof Label label ? label : null;
        text.setText(filter);
        table = view;
        view.getItems().addListener((ListChangeListener<Object>) this::rowsChanged);
        say("opened " + open);
    }

    private void rowsChanged(ListChangeListener.Change<?> change) {
        while (change.next()) {
            if (change.wasAdded()) {
                for (Object item : change.getAddedSubList()) {
                    if (item instanceof ContainerRow row && row.containerId() != null) {
                        pendingShown.add("row %s " + row.containerId() + " " + row.state() + " "
                                + (row.health() == null || row.health().isEmpty() ? "-" : row.health()));
                    }
                }
            }
        }
    }

    private void afterLayout() {
        long took = System.nanoTime() - preLayout;
        long cpu = THREADS.getCurrentThreadCpuTime() - preLayoutCpu;
        if (!opened && !open.isEmpty()) {
            opened = true;
            Platform.runLater(this::openView);
        }
        if (opening) {
            findView();
        }
        synchronized (this) {
            pulses.add(TimeUnit.NANOSECONDS.toMicros(took));
            pulses.add(TimeUnit.NANOSECONDS.toMicros(cpu));
        }
        if (!pendingShown.isEmpty()) {
            String now = String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
            StringBuilder lines = new StringBuilder();
            for (String shown : pendingShown) {
                lines.append("envboard-probe ").append(String.format(shown, now)).append('\n');
            }
            pendingShown.clear();
            synchronized (err) {
                err.print(lines);
                err.flush();
            }
        }
    }

    private void sample(long posted) {
        long waited = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - posted);
        int cards = 0;
        for (EnvironmentColumnModel column : columns) {
            cards += column.cards().size();
        }
        String counted = count == null ? "" : count.getText();
        if (empty != null && empty.getScene() != null && empty.isVisible()) {
            counted += " (empty: " + empty.getText() + ")";
        }
        synchronized (this) {
            delays.add(waited);
            status = "cards=" + cards + " items=" + (table == null ? 0 : table.getItems().size()) + " count=" + counted;
        }
    }

    private void print() {
        long nextSecond = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (true) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            long posted = System.nanoTime();
            Platform.runLater(() -> sample(posted));
            if (System.nanoTime() < nextSecond) {
                continue;
            }
            nextSecond += TimeUnit.SECONDS.toNanos(1);
            List<Long> p;
            List<Long> d;
            String s;
            synchronized (this) {
                p = pulses;
                d = delays;
                s = status;
                pulses = new ArrayList<>();
                delays = new ArrayList<>();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            say("pulses " + heap + join(p));
            say("fx-delays" + join(d));
            say("status " + s);
        }
    }

    private static String join(List<Long> values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(' ').append(v));
        return text.toString();
    }

    private void say(String what) {
        synchronized (err) {
            err.println("envboard-probe " + what);
            err.flush();
        }
    }
}
