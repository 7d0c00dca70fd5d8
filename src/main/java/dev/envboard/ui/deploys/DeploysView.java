package dev.envboard.ui.deploys;

import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.deploy.history.Downtime;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.NoticeBanner;
import dev.envboard.ui.shell.PoolItem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Deploys: redeploy an environment and follow it live; beside it every deploy of the pool's
 * environments, whoever ran them (another Envboard, a CI job), runs in progress elsewhere included.
 */
public final class DeploysView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String ALL = "All environments";

    private final ComboBox<String> filter = new ComboBox<>();
    /** The deploy the user picked in the list, followed as the list is replaced. */
    private String selectedId;

    /**
     * @param environments the selected pool's environments (hosts' labels and stack folders)
     * @param confirm      shows the confirmation, then starts the redeploy
     */
    public DeploysView(DeploysViewModel model, ObjectProperty<PoolItem> pool, Supplier<List<String>> environments,
                       ConfirmRedeploy confirm) {
        setId("deploys");
        getStyleClass().add("deploys");

        ComboBox<String> environment = new ComboBox<>();
        environment.setId("deploy-environment");
        environment.setPromptText("Environment");
        environment.setOnShowing(e -> environment.getItems().setAll(environments.get()));
        Button redeploy = new Button("Redeploy…", Icons.DEPLOYS.create());
        redeploy.setId("deploys-redeploy");
        redeploy.disableProperty().bind(environment.valueProperty().isNull().or(pool.isNull()).or(model.checkingProperty()));
        redeploy.setOnAction(e -> confirm.confirm(pool.get().spec(), environment.getValue()));
        ToolBar toolbar = new ToolBar(Controls.styled("Redeploy", "text-bold"), environment, redeploy, Controls.hgrow(),
                Controls.styled("Removes the whole environment and deploys it fresh from its compose stack", "muted"));

        DeployRunPane runPane = new DeployRunPane();
        model.shownRunProperty().addListener((obs, old, run) -> runPane.show(run));
        runPane.show(model.shownRunProperty().get());

        DeployListModel list = model.list();
        TableView<DeployEntry> history = history(list);
        history.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (entry != null) {
                selectedId = entry.id();
                model.shownRunProperty().set(DeployRunModel.fromEntry(entry));
            }
        });
        // The list is replaced as the pool's records change: the row shown stays selected, and shows how it went on.
        list.entries().addListener((ListChangeListener<DeployEntry>) change -> reselect(history, model));
        model.shownRunProperty().addListener((obs, old, run) -> {
            if (run != null && run.pool() != null) {
                selectedId = null; // a run started here is shown live: no row holds the pane
                history.getSelectionModel().clearSelection();
            }
        });
        // A rollback: the selected record's digests, in the selected pool (the record must be this machine's and hold versions).
        Button redeployVersion = new Button("Redeploy this version…");
        redeployVersion.setId("deploys-redeploy-version");
        redeployVersion.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            DeployEntry entry = history.getSelectionModel().getSelectedItem();
            return entry == null || entry.origin() == DeployEntry.Origin.POOL || entry.record().versions().isEmpty()
                    || pool.get() == null || !pool.get().spec().name().equals(entry.pool()) || model.checkingProperty().get();
        }, history.getSelectionModel().selectedItemProperty(), pool, model.checkingProperty()));
        redeployVersion.setOnAction(e -> model.confirmAndRedeployVersion(pool.get().spec(),
                history.getSelectionModel().getSelectedItem().record()));
        filter.setId("deploys-filter");
        filter.setPrefWidth(170);
        filter.getItems().add(ALL);
        filter.setValue(ALL);
        filter.setOnShowing(e -> {
            TreeSet<String> names = new TreeSet<>(list.environments());
            names.addAll(environments.get());
            String chosen = filter.getValue();
            filter.getItems().setAll(ALL);
            filter.getItems().addAll(names);
            filter.setValue(chosen);
        });
        filter.valueProperty().addListener((obs, old, now) ->
                list.environmentFilterProperty().set(now == null || ALL.equals(now) ? null : now));
        Label problem = Controls.styled("", "muted", "deploys-problem");
        problem.setId("deploys-problem");
        problem.textProperty().bind(list.problemProperty());
        problem.setWrapText(true);
        problem.visibleProperty().bind(list.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        ToolBar historyBar = new ToolBar(Controls.styled("Deploys", "text-bold"), filter, Controls.hgrow(), redeployVersion);
        historyBar.setAccessibleText("Deploys of every environment of the pool, whoever ran them");
        VBox historyBox = new VBox(6, historyBar, problem, history);
        VBox.setVgrow(history, Priority.ALWAYS);
        historyBox.getStyleClass().add("deploy-history");

        SplitPane split = new SplitPane(runPane, historyBox);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(toolbar, new NoticeBanner(model.notices()), split);
    }

    /** Asks before a redeploy (the view owns the dialog's window). */
    @FunctionalInterface
    public interface ConfirmRedeploy {
        void confirm(PoolSpec pool, String environment);
    }

    /** Shows the deploys of one environment (null: all), e.g. from a notification about it. */
    public void showEnvironment(String environment) {
        if (environment != null && !filter.getItems().contains(environment)) {
            filter.getItems().add(environment);
        }
        filter.setValue(environment == null ? ALL : environment);
    }

    private void reselect(TableView<DeployEntry> history, DeploysViewModel model) {
        if (selectedId == null) {
            return;
        }
        DeployEntry selected = history.getSelectionModel().getSelectedItem();
        if (selected != null && selected.id().equals(selectedId) && history.getItems().contains(selected)) {
            return;
        }
        history.getItems().stream().filter(e -> e.id().equals(selectedId)).findFirst()
                .ifPresent(e -> history.getSelectionModel().select(e));
    }

    private static TableView<DeployEntry> history(DeployListModel list) {
        SortedList<DeployEntry> sorted = new SortedList<>(list.entries());
        TableView<DeployEntry> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("deploy-history");
        table.setPlaceholder(new Label("No deploy of this pool recorded yet, here or in the pool"));
        // Ten columns do not fit beside the run pane: they keep their widths and the table scrolls
        // sideways, instead of the last ones being squeezed out of sight.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Started", 130, e -> e.startedAt() == null ? "" : TIME.format(e.startedAt())));
        table.getColumns().add(column("Environment", 110, DeployEntry::environment));
        table.getColumns().add(column("Who", 140, e -> e.who() == null ? "" : e.who()));
        table.getColumns().add(column("Result", 110, e -> e.status().label()
                + (e.record().rollbackFrom() == null ? "" : " (back to " + e.record().rollbackFrom() + ")")));
        TableColumn<DeployEntry, String> changes = column("What changed", 260, DeployEntry::changesSummary);
        changes.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                DeployEntry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(entry == null || entry.record().versions().isEmpty() ? null
                        : Controls.tooltip(String.join("\n", entry.record().describeVersions())));
            }
        });
        table.getColumns().add(changes);
        table.getColumns().add(column("Took", 70, e -> e.durationMillis() == null ? "" : Downtime.describe(e.durationMillis())));
        table.getColumns().add(column("Downtime", 80, e -> e.record().downtimeMillis() == null ? "" : Downtime.describe(e.record().downtimeMillis())));
        table.getColumns().add(column("Id", 75, DeployEntry::id));
        table.getColumns().add(column("Unchecked", 85, e -> e.record().skippedChecks().isEmpty() ? "" : e.record().skippedChecks().size() + " skipped"));
        TableColumn<DeployEntry, String> error = column("Error", 120, e -> e.record().error() == null ? "" : e.record().error().lines().findFirst().orElse(""));
        error.setMinWidth(60);
        table.getColumns().add(error);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DeployEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                for (DeployEntry.Status status : DeployEntry.Status.values()) {
                    pseudoClassStateChanged(PseudoClass.getPseudoClass(status.name().toLowerCase()),
                            !empty && entry != null && entry.status() == status);
                }
            }
        });
        return table;
    }

    private static TableColumn<DeployEntry, String> column(String name, double width, Function<DeployEntry, String> value) {
        TableColumn<DeployEntry, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(width); // only the last column (the error) gives way
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
