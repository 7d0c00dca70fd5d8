package dev.envboard.ui.logs;

import dev.envboard.logs.LogLine;
import dev.envboard.logs.LogOptions;
import dev.envboard.logs.LogTarget;
import dev.envboard.logs.SourcePhase;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import java.io.File;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;

/**
 * The log viewer: a virtualized list over the bounded buffer, fed once per frame. Follows the end
 * until the user scrolls up, and again once they are back at the bottom.
 */
public final class LogsView extends VBox {
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final double ROW = 18;

    private final LogsViewModel model;
    private final ListView<LogLine> list = new ListView<>();
    private final TextField target = new TextField();
    private final Spinner<Integer> tail = new Spinner<>(0, 1_000_000, LogOptions.DEFAULT_TAIL, 500);
    private final TextField search = new TextField();
    private final Label hits = Controls.styled("", "muted");
    private final AnimationTimer pulse;

    public LogsView(LogsViewModel model) {
        this.model = model;
        setId("logs");
        getStyleClass().add("logs");

        target.setId("logs-target");
        target.setPromptText("container, service or env:NAME");
        target.setPrefWidth(180);
        target.setOnAction(e -> openTyped());
        tail.setId("logs-tail");
        tail.setEditable(true);
        tail.setPrefWidth(90);
        tail.setTooltip(Controls.tooltip("How many of the last lines to show when opening (tail)"));
        Button open = new Button("Open", Icons.LOGS.create());
        open.setId("logs-open");
        open.setOnAction(e -> openTyped());
        Label title = Controls.styled("", "logs-title");
        title.textProperty().bind(model.titleProperty());
        HBox sources = sourceChips(title);

        ToggleButton times = toggle("Timestamps", "logs-timestamps", model.timestampsProperty());
        ToggleButton wrap = toggle("Wrap", "logs-wrap", model.wrapProperty());
        ToggleButton pause = toggle("Pause", "logs-pause", model.pausedProperty());
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        ToggleButton follow = toggle("Follow", "logs-follow", model.followProperty());
        follow.setTooltip(Controls.tooltip("Keep the newest line in view; scrolling up stops it, the bottom starts it again"));
        Button clear = Controls.iconButton(Icons.CLOSE, "Clear the view (the buffer keeps its lines)");
        clear.setOnAction(e -> model.clear());
        Button copy = Controls.iconButton(Icons.COPY, "Copy the selected lines (Ctrl+C)");
        copy.setOnAction(e -> copySelected());
        Button save = Controls.iconButton(Icons.SAVE, "Save the lines shown to a file");
        save.setId("logs-save");
        save.setOnAction(e -> saveShown());
        Label counts = Controls.styled("", "muted");
        counts.setId("logs-counts");
        counts.textProperty().bind(Bindings.createStringBinding(() -> String.format("%,d lines · %,d dropped by the %,d-line bound",
                model.receivedProperty().get(), model.droppedProperty().get(), LogOptions.DEFAULT_BUFFER_LINES),
                model.receivedProperty(), model.droppedProperty()));
        ToolBar first = new ToolBar(target, tail, open, new Separator(Orientation.VERTICAL), title, sources,
                clear, copy, save);

        search.setId("logs-search");
        search.setPromptText("Search (Ctrl+F)");
        search.setTooltip(Controls.tooltip("Enter: next match, Shift+Enter: previous"));
        search.setPrefWidth(220);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                findNext(!e.isShiftDown());
                e.consume();
            }
        });
        search.textProperty().addListener((obs, old, now) -> list.refresh());
        Button previous = Controls.iconButton(Icons.UP, "Previous match (Shift+Enter)");
        previous.setOnAction(e -> findNext(false));
        Button next = Controls.iconButton(Icons.DOWN, "Next match (Enter)");
        next.setOnAction(e -> findNext(true));
        hits.setId("logs-hits");
        TextField filter = new TextField();
        filter.setId("logs-filter");
        filter.setPromptText("Filter (regex)");
        filter.setTooltip(Controls.tooltip("Show only the lines matching this regular expression"));
        filter.setPrefWidth(220);
        filter.textProperty().bindBidirectional(model.filterProperty());
        Label filterProblem = Controls.styled("", "field-problem");
        filterProblem.textProperty().bind(model.filterProblemProperty());
        ToolBar second = new ToolBar(search, previous, next, hits, new Separator(Orientation.VERTICAL), filter, filterProblem,
                Controls.hgrow(), times, wrap, follow, pause);

        Label problem = Controls.styled("", "logs-problem");
        problem.setId("logs-problem");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setGraphic(Icons.ERROR.create());

        buildList();
        VBox.setVgrow(list, Priority.ALWAYS);
        HBox footer = new HBox(counts);
        footer.getStyleClass().add("logs-footer");
        getChildren().addAll(first, second, problem, list, footer);

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                search.requestFocus();
                search.selectAll();
                e.consume();
            } else if (COPY.match(e) && list.isFocused()) {
                copySelected();
                e.consume();
            }
        });
        // One frame, one batch: the buffer fills on reader threads; the view catches up per pulse.
        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                int before = list.getItems().size();
                model.tick();
                if (model.followProperty().get() && list.getItems().size() != before && !list.getItems().isEmpty()) {
                    list.scrollTo(list.getItems().size() - 1);
                }
            }
        };
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                pulse.stop();
            } else {
                pulse.start();
            }
        });
    }

    /** Opens a target from the containers table (or anywhere else). */
    public void open(LogTarget logTarget) {
        target.setText(logTarget.toString());
        model.open(logTarget, tail.getValue());
    }

    private void openTyped() {
        String text = target.getText() == null ? "" : target.getText().trim();
        if (!text.isEmpty()) {
            model.open(LogTarget.parse(text), tail.getValue());
        }
    }

    private void buildList() {
        list.setId("logs-list");
        list.getStyleClass().add("log-list");
        list.itemsProperty().bind(Bindings.createObjectBinding(() -> model.linesProperty().get(), model.linesProperty()));
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label("Open a log: type a container, a service or env:NAME above, "
                + "or press Enter on a container in the Containers view"));
        list.setCellFactory(l -> new LogCell(model::prefixWidth, () -> model.timestampsProperty().get(), search::getText));
        // Fixed row height makes scrolling through 200 000 lines cheap; wrapped lines need their own height.
        applyWrap(model.wrapProperty().get());
        model.wrapProperty().addListener((obs, old, wrap) -> applyWrap(wrap));
        model.timestampsProperty().addListener((obs, old, now) -> list.refresh());
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                model.followProperty().set(false);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.PAGE_UP || e.getCode() == KeyCode.HOME) {
                model.followProperty().set(false);
            }
        });
        list.skinProperty().addListener((obs, old, skin) -> watchScrollBar());
    }

    private void applyWrap(boolean wrap) {
        list.pseudoClassStateChanged(PseudoClass.getPseudoClass("wrap"), wrap);
        list.setFixedCellSize(wrap ? -1 : ROW);
        list.refresh();
    }

    /** Back at the bottom, following starts again. */
    private void watchScrollBar() {
        for (Node node : list.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.valueProperty().addListener((obs, old, value) -> {
                    if (value.doubleValue() >= bar.getMax() - 1e-9 && !list.getItems().isEmpty()) {
                        model.followProperty().set(true);
                    }
                });
            }
        }
    }

    private void findNext(boolean forward) {
        int from = list.getSelectionModel().getSelectedIndex();
        int at = model.find(search.getText(), from < 0 ? (forward ? -1 : 0) : from, forward);
        if (at < 0) {
            hits.setText(search.getText() == null || search.getText().isEmpty() ? "" : "no match");
            return;
        }
        hits.setText("line " + (at + 1) + " of " + list.getItems().size());
        model.followProperty().set(false);
        list.getSelectionModel().clearAndSelect(at);
        list.scrollTo(Math.max(0, at - 5));
    }

    private void copySelected() {
        String text = list.getSelectionModel().getSelectedItems().stream().map(model::plain).collect(Collectors.joining("\n"));
        if (!text.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private void saveShown() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the log");
        chooser.setInitialFileName("envboard-log.txt");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.save(file.toPath()).whenComplete((count, error) -> javafx.application.Platform.runLater(() ->
                    hits.setText(error != null ? "not saved: " + error.getMessage() : "saved " + count + " lines to " + file)));
        }
    }

    private static ToggleButton toggle(String text, String id, javafx.beans.property.BooleanProperty property) {
        ToggleButton toggle = new ToggleButton(text);
        toggle.setId(id);
        toggle.selectedProperty().bindBidirectional(property);
        return toggle;
    }

    /**
     * The sources as chips, those in trouble first; they take the toolbar's spare width and are
     * clipped beyond it (an environment can have dozens), so the title's tooltip lists them all.
     */
    private HBox sourceChips(Label title) {
        HBox chips = new HBox(6);
        chips.getStyleClass().add("log-sources");
        chips.setMinWidth(0);
        chips.setPrefWidth(0);
        HBox.setHgrow(chips, Priority.ALWAYS);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(chips.widthProperty());
        clip.heightProperty().bind(chips.heightProperty());
        chips.setClip(clip);
        javafx.scene.control.Tooltip all = new javafx.scene.control.Tooltip();
        title.setTooltip(all);
        model.sources().addListener((ListChangeListener<LogsViewModel.SourceRow>) c -> {
            List<LogsViewModel.SourceRow> rows = model.sources().stream()
                    .sorted(Comparator.comparing((LogsViewModel.SourceRow row) -> !inTrouble(row))).toList();
            chips.getChildren().setAll(rows.stream().map(LogsView::chip).toList());
            all.setText(rows.stream().map(row -> row.label() + ": " + describe(row)).collect(Collectors.joining("\n")));
        });
        return chips;
    }

    private static boolean inTrouble(LogsViewModel.SourceRow row) {
        return row.state() != null && (row.state().phase() == SourcePhase.FAILED || row.state().phase() == SourcePhase.RECONNECTING
                || row.state().phase() == SourcePhase.WAITING_FOR_RESTART);
    }

    private static String describe(LogsViewModel.SourceRow row) {
        if (row.state() == null) {
            return "connecting";
        }
        String phase = row.state().phase().name().toLowerCase().replace('_', ' ');
        return row.state().message() == null ? phase : phase + " (" + row.state().message() + ")";
    }

    /** A source: its colour, label and state (following, waiting for a restart, failed...). */
    private static Node chip(LogsViewModel.SourceRow row) {
        Circle dot = new Circle(4);
        dot.getStyleClass().addAll("log-source-dot", "log-source-" + Math.floorMod(row.colourIndex(), 8));
        Label chip = new Label(row.label(), dot);
        chip.getStyleClass().add("log-source-chip");
        chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // whole or clipped, never "qa_…"
        SourcePhase phase = row.state() == null ? SourcePhase.CONNECTING : row.state().phase();
        chip.pseudoClassStateChanged(PseudoClass.getPseudoClass(phase.name().toLowerCase()), true);
        chip.setTooltip(Controls.tooltip(row.label() + ": " + describe(row)));
        return chip;
    }
}
