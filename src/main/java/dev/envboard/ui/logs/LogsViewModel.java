package dev.envboard.ui.logs;

import dev.envboard.docker.DockerErrors;
import dev.envboard.logs.LogLine;
import dev.envboard.logs.LogOptions;
import dev.envboard.logs.LogService;
import dev.envboard.logs.LogSession;
import dev.envboard.logs.LogSource;
import dev.envboard.logs.LogTarget;
import dev.envboard.logs.SourceListener;
import dev.envboard.logs.SourceState;
import dev.envboard.logs.ansi.AnsiParser;
import dev.envboard.pool.PoolSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * One log view: a session following a container, a service or an environment, read into a
 * bounded buffer by the log core, shown through a window that moves once per frame. Pause,
 * timestamps, wrap, follow (auto-scroll), search and a regex filter are the user's controls.
 */
public final class LogsViewModel {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final LogService logs;
    private final Supplier<List<PoolSpec>> pools;
    private final Executor io;
    private final Executor fx;
    private final ObjectProperty<FilteredList<LogLine>> lines = new SimpleObjectProperty<>(new FilteredList<>(FXCollections.observableArrayList()));
    private final ObservableList<SourceRow> sources = FXCollections.observableArrayList();
    private final StringProperty title = new SimpleStringProperty("No log open");
    private final StringProperty problem = new SimpleStringProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty timestamps = new SimpleBooleanProperty();
    private final BooleanProperty wrap = new SimpleBooleanProperty();
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty filterProblem = new SimpleStringProperty();
    private final LongProperty dropped = new SimpleLongProperty();
    private final LongProperty received = new SimpleLongProperty();
    private volatile LogSession session;
    private BufferWindow window;
    /** Counts opens and closes: a late-arriving session or state change of an older one is dropped. */
    private volatile int opening;

    /** A source as the toolbar shows it: label, colour, state. */
    public record SourceRow(String label, int colourIndex, SourceState state) {
    }

    public LogsViewModel(LogService logs, Supplier<List<PoolSpec>> pools, Executor io, Executor fx) {
        this.logs = logs;
        this.pools = pools;
        this.io = io;
        this.fx = fx;
        filter.addListener((obs, old, now) -> applyFilter());
    }

    /** Opens a target ("name", "service", "env:NAME") in the given pools; the previous log closes. */
    public void open(LogTarget target, int tail) {
        reset();
        int mine = ++opening;
        title.set("Opening " + target + "…");
        problem.set(null);
        List<PoolSpec> where = pools.get();
        CompletableFuture.supplyAsync(() -> logs.find(where, target), io).thenApplyAsync(found -> {
            if (found.containers().isEmpty()) {
                throw new IllegalArgumentException("nothing matches " + target
                        + (found.unreachable().isEmpty() ? "" : " (unreachable: " + String.join(", ", found.unreachable()) + ")"));
            }
            return logs.open(found.containers(), LogOptions.defaults().withTail(tail).withFollow(true), listener(mine));
        }, io).whenCompleteAsync((opened, error) -> {
            if (mine != opening) {
                if (opened != null) {
                    io.execute(opened::close); // the user opened something else meanwhile; closing waits for its readers
                }
                return;
            }
            if (error != null) {
                title.set("No log open");
                problem.set(DockerErrors.describe(error));
                return;
            }
            show(opened, target);
        }, fx);
    }

    private void show(LogSession opened, LogTarget target) {
        session = opened;
        window = new BufferWindow(opened.buffer());
        lines.set(new FilteredList<>(window));
        applyFilter();
        sources.setAll(opened.sources().stream().map(s -> new SourceRow(s.label(), s.colourIndex(), s.state())).toList());
        List<LogSource> all = opened.sources();
        title.set(all.size() == 1 ? all.get(0).label() + " on " + all.get(0).container().engine()
                : target + " · " + all.size() + " containers");
        follow.set(true);
    }

    private SourceListener listener(int mine) {
        return new SourceListener() {
            @Override
            public void stateChanged(LogSource source, SourceState state) {
                fx.execute(() -> {
                    if (mine != opening) {
                        return;
                    }
                    for (int i = 0; i < sources.size(); i++) {
                        if (sources.get(i).label().equals(source.label())) {
                            sources.set(i, new SourceRow(source.label(), source.colourIndex(), state));
                            return;
                        }
                    }
                    sources.add(new SourceRow(source.label(), source.colourIndex(), state));
                });
            }
        };
    }

    /** Once per frame: new lines appear (unless paused); the counters follow. */
    public void tick() {
        if (session == null) {
            return;
        }
        dropped.set(session.buffer().dropped());
        received.set(session.buffer().endSeq());
        if (!paused.get()) {
            window.sync();
        }
    }

    public void clear() {
        if (window != null) {
            window.skipToEnd();
        }
    }

    // ---- filter and search -------------------------------------------------------------------

    private void applyFilter() {
        FilteredList<LogLine> list = lines.get();
        String text = filter.get();
        if (text == null || text.isEmpty()) {
            filterProblem.set(null);
            list.setPredicate(null);
            return;
        }
        try {
            Pattern pattern = Pattern.compile(text);
            filterProblem.set(null);
            list.setPredicate(line -> line.isMarker() || pattern.matcher(line.text()).find());
        } catch (PatternSyntaxException e) {
            filterProblem.set("not a regular expression: " + e.getDescription());
        }
    }

    /** Index of the next (or previous) shown line containing the text, wrapping around; -1 if none. */
    public int find(String text, int from, boolean forward) {
        FilteredList<LogLine> list = lines.get();
        int size = list.size();
        if (text == null || text.isEmpty() || size == 0) {
            return -1;
        }
        String needle = text.toLowerCase();
        for (int step = 1; step <= size; step++) {
            int i = Math.floorMod(from + (forward ? step : -step), size);
            if (AnsiParser.strip(list.get(i).text()).toLowerCase().contains(needle)) {
                return i;
            }
        }
        return -1;
    }

    // ---- copy and save -----------------------------------------------------------------------

    /** Characters of the source prefix, padded to the longest label so the lines align; 0 for one source. */
    public int prefixWidth() {
        return sources.size() < 2 ? 0 : sources.stream().mapToInt(s -> s.label().length()).max().orElse(0);
    }

    /** "label | " padded to {@code width}, or "" for width 0 (one source). */
    static String prefix(LogLine line, int width) {
        return width == 0 || line.origin().label().isEmpty() ? "" : String.format("%-" + width + "s | ", line.origin().label());
    }

    /** A line as text to copy or save: source, time (when shown) and the text without colour codes. */
    public String plain(LogLine line) {
        StringBuilder text = new StringBuilder(prefix(line, prefixWidth()));
        if (timestamps.get() && line.hasTime()) {
            text.append(TIME.format(line.time())).append(' ');
        }
        return text.append(AnsiParser.strip(line.text())).toString();
    }

    /** Writes the lines shown now (as filtered) to a file, off the FX thread. */
    public CompletableFuture<Integer> save(Path file) {
        List<LogLine> snapshot = List.copyOf(lines.get());
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (LogLine line : snapshot) {
                    out.write(plain(line));
                    out.newLine();
                }
                return snapshot.size();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }, io);
    }

    /** Stops following and waits for the readers; from any thread but the FX one (it may already be gone). */
    public void close() {
        opening++;
        LogSession closing = session;
        session = null;
        if (closing != null) {
            closing.close();
        }
    }

    /** Empties the view before opening another log; the old readers stop in the background. */
    private void reset() {
        opening++;
        LogSession closing = session;
        session = null;
        if (closing != null) {
            io.execute(closing::close);
        }
        window = null;
        lines.set(new FilteredList<>(FXCollections.observableArrayList()));
        sources.clear();
        dropped.set(0);
        received.set(0);
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<FilteredList<LogLine>> linesProperty() {
        return lines;
    }

    public ObservableList<SourceRow> sources() {
        return sources;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    public BooleanProperty wrapProperty() {
        return wrap;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public StringProperty filterProblemProperty() {
        return filterProblem;
    }

    public LongProperty droppedProperty() {
        return dropped;
    }

    public LongProperty receivedProperty() {
        return received;
    }

    public boolean isOpen() {
        return session != null;
    }

}
