package dev.envboard.ui.containers;

import dev.envboard.containers.ContainerActions.Action;
import dev.envboard.containers.ContainerRow;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.NoticeBanner;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.MapChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * Every container (or Swarm task) of the pool in one live table. Ctrl+F filters, Enter opens the
 * logs, the toolbar and the context menu act on the selected container.
 */
public final class ContainersView extends VBox {
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final ContainersViewModel model;
    private final TableView<ContainerRow> table = new TableView<>();
    private final Consumer<ContainerRow> openLogs;
    /** Counts the uptime ticks; each uptime cell shows its row's uptime again when it moves. */
    private final javafx.beans.property.LongProperty uptimeTick = new javafx.beans.property.SimpleLongProperty();

    /** @param timer ticks the uptimes (a Timeline would keep JavaFX pulsing sixty times a second) */
    public ContainersView(ContainersViewModel model, Consumer<ContainerRow> openLogs, ScheduledExecutorService timer) {
        this.model = model;
        this.openLogs = openLogs;
        setId("containers");
        getStyleClass().add("containers");

        TextField filter = new TextField();
        filter.setId("containers-filter");
        filter.setPromptText("Filter (Ctrl+F)");
        filter.setPrefWidth(170);
        filter.textProperty().bindBidirectional(model.textProperty());
        ComboBox<String> environment = choice("containers-environment", model.environments(), model.environmentProperty(), "Environment");
        environment.setPrefWidth(175);
        ComboBox<String> host = choice("containers-host", model.hosts(), model.hostProperty(), "Host");
        ComboBox<String> service = choice("containers-service", model.services(), model.serviceProperty(), "Service");
        Label count = Controls.styled("", "muted");
        count.setId("containers-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            long running = model.visible().stream().filter(ContainerRow::isRunning).count();
            return model.visible().size() + " of " + model.rows().size() + " · " + running + " running";
        }, model.visible(), model.rows()));

        ToolBar toolbar = new ToolBar(filter, environment, host, service, Controls.hgrow(), count,
                action(Icons.LOGS, "Logs (Enter)", "container-logs", this::openSelectedLogs),
                action(Icons.PLAY, "Start", "container-start", () -> run(Action.START)),
                action(Icons.STOP, "Stop", "container-stop", () -> run(Action.STOP)),
                action(Icons.REFRESH, "Restart", "container-restart", () -> run(Action.RESTART)),
                action(Icons.DELETE, "Remove…", "container-remove", this::confirmRemove),
                action(Icons.INFO, "Inspect", "container-inspect", this::inspectSelected));

        Label coverage = Controls.styled("", "coverage-note");
        coverage.textProperty().bind(model.coverageProperty());
        coverage.visibleProperty().bind(model.coverageProperty().isNotNull());
        coverage.managedProperty().bind(coverage.visibleProperty());
        Label hostsDown = Controls.styled("", "hosts-down");
        hostsDown.setId("containers-hosts-down");
        hostsDown.setWrapText(true);
        model.hostProblems().addListener((MapChangeListener<String, String>) change -> {
            hostsDown.setText(model.hostProblems().entrySet().stream()
                    .map(e -> e.getKey() + " unreachable: " + e.getValue()).reduce((a, b) -> a + "\n" + b).orElse(""));
            hostsDown.setVisible(!model.hostProblems().isEmpty());
            hostsDown.setManaged(!model.hostProblems().isEmpty());
        });
        hostsDown.setVisible(false);
        hostsDown.setManaged(false);
        hostsDown.setGraphic(Icons.OFFLINE.create());

        buildTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(toolbar, new NoticeBanner(model.notices()), coverage, hostsDown, table);

        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                filter.requestFocus();
                filter.selectAll();
                e.consume();
            }
        });
        // Uptimes move on even when nothing else changes: only the uptime cells are told (a table
        // refresh would rebuild every row and cell, context menus included: the slowest pulse of a busy minute).
        timer.scheduleAtFixedRate(() -> Platform.runLater(() -> uptimeTick.set(uptimeTick.get() + 1)), 10, 10, TimeUnit.SECONDS);
    }

    private void buildTable() {
        table.setId("containers-table");
        SortedList<ContainerRow> sorted = new SortedList<>(model.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label empty = new Label();
        empty.setId("containers-empty");
        empty.setWrapText(true);
        empty.textProperty().bind(model.emptyTextProperty());
        table.setPlaceholder(empty);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<ContainerRow, String> name = column("Name", 130, ContainerRow::name);
        table.getColumns().add(name);
        table.getColumns().add(column("Service", 95, ContainerRow::service));
        table.getColumns().add(column("Image", 125, ContainerRow::image));
        TableColumn<ContainerRow, String> state = column("State", 90, ContainerRow::state);
        state.setCellFactory(c -> new StateCell());
        table.getColumns().add(state);
        table.getColumns().add(column("Health", 85, ContainerRow::health));
        table.getColumns().add(column("Host", 140, ContainerRow::host));
        table.getColumns().add(column("Environment", 120, ContainerRow::environment));
        TableColumn<ContainerRow, String> uptime = column("Uptime", 85, r -> uptime(r.startedAt(), r.isRunning()));
        uptime.setCellFactory(c -> new UptimeCell(uptimeTick));
        table.getColumns().add(uptime);
        table.getColumns().add(column("Ports", 70, ContainerRow::ports));
        table.getColumns().add(column("Restarts", 90, r -> String.valueOf(r.restarts())));
        TableColumn<ContainerRow, String> error = column("Error", 80, r -> r.error() == null ? "" : r.error());
        table.getColumns().add(error);
        // Fixed widths that fit their titles; the error column takes whatever room is left.
        error.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(80, table.getWidth() - 18
                - table.getColumns().stream().filter(c -> c != error).mapToDouble(TableColumn::getWidth).sum()), table.widthProperty()));
        table.getSortOrder().add(name);
        table.setRowFactory(t -> {
            TableRow<ContainerRow> row = new TableRow<>() {
                @Override
                protected void updateItem(ContainerRow item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(PseudoClass.getPseudoClass("stopped"), !empty && item != null && !item.isRunning());
                    pseudoClassStateChanged(PseudoClass.getPseudoClass("unhealthy"), !empty && item != null && "unhealthy".equals(item.health()));
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openLogs.accept(row.getItem());
                }
            });
            row.setContextMenu(contextMenu());
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelectedLogs();
                e.consume();
            }
        });
    }

    private ContextMenu contextMenu() {
        return new ContextMenu(
                item("Logs", this::openSelectedLogs), item("Start", () -> run(Action.START)),
                item("Stop", () -> run(Action.STOP)), item("Restart", () -> run(Action.RESTART)),
                item("Remove…", this::confirmRemove), item("Inspect", this::inspectSelected));
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    private Button action(Icons icon, String text, String id, Runnable handler) {
        Button button = Controls.iconButton(icon, text);
        button.setId(id);
        button.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        button.setOnAction(e -> handler.run());
        return button;
    }

    private ContainerRow selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private void openSelectedLogs() {
        if (selected() != null) {
            openLogs.accept(selected());
        }
    }

    private void run(Action action) {
        if (selected() != null) {
            model.run(action, selected());
        }
    }

    private void confirmRemove() {
        ContainerRow row = selected();
        if (row == null) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Remove " + row.name() + " on " + row.host()
                + "? A running container is stopped first. This cannot be undone.", ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(getScene().getWindow());
        alert.setHeaderText("Remove " + row.name() + "?");
        alert.getDialogPane().setId("remove-dialog");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.run(Action.REMOVE, row));
    }

    private void inspectSelected() {
        ContainerRow row = selected();
        if (row != null) {
            model.inspect(row, json -> InspectDialog.show(getScene().getWindow(), row.name() + " on " + row.host(), json));
        }
    }

    private static ComboBox<String> choice(String id, javafx.collections.ObservableList<String> items,
                                           javafx.beans.property.ObjectProperty<String> chosen, String prompt) {
        ComboBox<String> box = new ComboBox<>(items);
        box.setPrefWidth(140);
        // The closed box names what it filters: "Host: all" reads better than a bare "All".
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? prompt : prompt + ": " + (ContainersViewModel.ALL.equals(item) ? "all" : item));
            }
        });
        box.setId(id);
        box.setPromptText(prompt);
        box.valueProperty().bindBidirectional(chosen);
        box.setTooltip(Controls.tooltip(prompt));
        return box;
    }

    static String uptime(Instant started, boolean running) {
        if (started == null || !running) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(started, Instant.now()).toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        return seconds / 86_400 + " d " + (seconds % 86_400) / 3600 + " h";
    }

    private static TableColumn<ContainerRow, String> column(String title, double width, Function<ContainerRow, String> value) {
        TableColumn<ContainerRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(width); // enough for the header's title; the last column takes the rest
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /** A row's uptime, shown again at each tick without touching the rest of the row. */
    private static final class UptimeCell extends TableCell<ContainerRow, String> {
        private final javafx.beans.InvalidationListener onTick = tick -> showUptime();
        // Weak: the table drops cells it no longer needs, and the tick must not keep them.
        private final javafx.beans.WeakInvalidationListener weak = new javafx.beans.WeakInvalidationListener(onTick);

        UptimeCell(javafx.beans.property.LongProperty tick) {
            tick.addListener(weak);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
        }

        private void showUptime() {
            TableRow<ContainerRow> row = getTableRow();
            ContainerRow item = row == null || isEmpty() ? null : row.getItem();
            if (item != null) {
                setText(uptime(item.startedAt(), item.isRunning()));
            }
        }
    }

    /** The state with a coloured dot. */
    private static final class StateCell extends TableCell<ContainerRow, String> {
        private final Circle dot = new Circle(4);

        StateCell() {
            dot.getStyleClass().add("state-dot");
        }

        @Override
        protected void updateItem(String state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(state);
            for (String s : new String[] {"running", "exited", "created", "paused", "restarting", "dead", "pending", "rejected"}) {
                dot.pseudoClassStateChanged(PseudoClass.getPseudoClass(s), s.equals(state));
            }
            setGraphic(dot);
        }
    }
}
