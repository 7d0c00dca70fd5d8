package dev.envboard.ui.deploys;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.Downtime;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.NoticeBanner;
import dev.envboard.ui.shell.PoolItem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Deploys: redeploy an environment and follow it live; every recorded run beside it. */
public final class DeploysView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss").withZone(ZoneId.systemDefault());

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

        TableView<DeployRecord> history = history(model);
        history.getSelectionModel().selectedItemProperty().addListener((obs, old, record) -> {
            if (record != null) {
                model.shownRunProperty().set(DeployRunModel.fromRecord(record));
            }
        });
        // A rollback: the selected record's digests, in the selected pool (the record must be of it and hold versions).
        Button redeployVersion = new Button("Redeploy this version…");
        redeployVersion.setId("deploys-redeploy-version");
        redeployVersion.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            DeployRecord record = history.getSelectionModel().getSelectedItem();
            return record == null || record.versions().isEmpty() || pool.get() == null
                    || !pool.get().spec().name().equals(record.pool()) || model.checkingProperty().get();
        }, history.getSelectionModel().selectedItemProperty(), pool, model.checkingProperty()));
        redeployVersion.setOnAction(e -> model.confirmAndRedeployVersion(pool.get().spec(),
                history.getSelectionModel().getSelectedItem()));
        ToolBar historyBar = new ToolBar(Controls.styled("History", "text-bold"), Controls.hgrow(), redeployVersion);
        VBox historyBox = new VBox(6, historyBar, history);
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

    private static TableView<DeployRecord> history(DeploysViewModel model) {
        TableView<DeployRecord> table = new TableView<>(model.history());
        table.setId("deploy-history");
        table.setPlaceholder(new Label("No redeploy recorded yet"));
        // Eight columns do not fit beside the run pane: they keep their widths and the table scrolls
        // sideways, instead of the last ones being squeezed out of sight.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Finished", 130, r -> TIME.format(r.finishedAt())));
        table.getColumns().add(column("Environment", 150, r -> r.environment() + " · " + r.pool()));
        table.getColumns().add(column("Id", 75, DeployRecord::id));
        table.getColumns().add(column("Result", 95, r -> r.result() + (r.rollbackFrom() == null ? "" : " (back to " + r.rollbackFrom() + ")")));
        table.getColumns().add(column("Took", 70, r -> (r.durationMillis() / 100) / 10.0 + " s"));
        table.getColumns().add(column("Downtime", 80, r -> r.downtimeMillis() == null ? "" : Downtime.describe(r.downtimeMillis())));
        table.getColumns().add(column("Unchecked", 85, r -> r.skippedChecks().isEmpty() ? "" : r.skippedChecks().size() + " skipped"));
        TableColumn<DeployRecord, String> error = column("Error", 120, r -> r.error() == null ? "" : r.error().lines().findFirst().orElse(""));
        error.setMinWidth(60);
        table.getColumns().add(error);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DeployRecord record, boolean empty) {
                super.updateItem(record, empty);
                for (String state : new String[] {"succeeded", "failed", "cancelled", "refused"}) {
                    pseudoClassStateChanged(PseudoClass.getPseudoClass(state), !empty && record != null && state.equals(record.result()));
                }
            }
        });
        return table;
    }

    private static TableColumn<DeployRecord, String> column(String name, double width, Function<DeployRecord, String> value) {
        TableColumn<DeployRecord, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(width); // only the last column (the error) gives way
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
