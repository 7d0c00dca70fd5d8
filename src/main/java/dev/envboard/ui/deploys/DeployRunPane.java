package dev.envboard.ui.deploys;

import dev.envboard.deploy.ServiceProgress;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.Downtime;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** One run in detail: its steps with timings, its services per host, its messages; cancel while it runs. */
final class DeployRunPane extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Label title = Controls.styled("No redeploy yet — choose an environment above", "deploy-run-title");
    private final Label elapsed = Controls.styled("", "muted");
    private final Label result = Controls.styled("", "deploy-result");
    private final VBox steps = new VBox(4);
    private final PullTable pulls = new PullTable();
    private final TableView<ServiceProgress> services = new TableView<>();
    private final ListView<String> messages = new ListView<>();
    private final Button cancel = new Button("Cancel", Icons.CLOSE.create());
    private final Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
    private DeployRunModel run;

    DeployRunPane() {
        super(10);
        getStyleClass().add("deploy-run");
        setId("deploy-run");
        cancel.setId("cancel-redeploy");
        cancel.setOnAction(e -> {
            if (run != null) {
                run.cancel();
            }
        });
        cancel.setDisable(true);
        result.setId("deploy-result");
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE); // the outcome and the versions, never cut to "succeeded…" by the tables below
        title.setMinWidth(0);
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(10, title, elapsed, Controls.hgrow(), cancel);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        header.getStyleClass().add("deploy-run-header");
        services.setId("deploy-services");
        services.setPlaceholder(new Label("Services appear as they are created"));
        services.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        services.getColumns().add(column("Service", 100, ServiceProgress::service));
        services.getColumns().add(column("Ready", 75, p -> p.healthy() + "/" + p.desired()));
        services.getColumns().add(column("Running", 90, p -> String.valueOf(p.running())));
        services.getColumns().add(column("Hosts", 140, p -> p.perHost().toString().replaceAll("[{}]", "")));
        TableColumn<ServiceProgress, String> problem = column("Problem", 95, p -> p.problem() == null ? "" : p.problem());
        services.getColumns().add(problem);
        services.setPrefHeight(200);
        services.setMinHeight(140);
        messages.setId("deploy-messages");
        messages.getStyleClass().add("deploy-messages");
        VBox.setVgrow(messages, Priority.ALWAYS);
        getChildren().addAll(header, result, steps, pulls, services, Controls.styled("Messages", "text-bold"), messages);
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    void show(DeployRunModel shown) {
        this.run = shown;
        if (shown == null) {
            return;
        }
        title.setText("Redeploy " + shown.environment() + " (" + shown.poolName() + ") · started " + TIME.format(shown.started()));
        pulls.show(shown.pulls());
        services.setItems(shown.services());
        services.setPlaceholder(new Label(shown.pool() == null
                ? "A recorded run: its timings per service are in the messages below"
                : "Services appear as they are created"));
        messages.setItems(shown.messages());
        shown.messages().addListener((ListChangeListener<String>) c -> {
            if (run == shown) {
                messages.scrollTo(Math.max(0, shown.messages().size() - 1));
            }
        });
        shown.steps().addListener((ListChangeListener<StepRow>) c -> renderSteps(shown));
        shown.resultProperty().addListener((obs, old, record) -> renderResult(shown));
        renderSteps(shown);
        renderResult(shown);
    }

    private void renderSteps(DeployRunModel shown) {
        if (run != shown) {
            return;
        }
        steps.getChildren().setAll(shown.steps().stream().map(DeployRunPane::stepLine).toList());
    }

    private static Label stepLine(StepRow row) {
        Label line = Controls.styled(row.step().title() + (row.status() == StepRow.Status.DONE || row.status() == StepRow.Status.FAILED
                ? "  ·  " + row.millis() + " ms" : ""), "deploy-step");
        line.setId("step-" + row.step().name().toLowerCase());
        line.setGraphic(switch (row.status()) {
            case DONE -> Icons.CHECK.create();
            case FAILED -> Icons.ERROR.create();
            case RUNNING -> Icons.OPERATIONS.create();
            case WAITING -> Icons.PENDING.create();
        });
        line.pseudoClassStateChanged(PseudoClass.getPseudoClass(row.status().name().toLowerCase()), true);
        return line;
    }

    private void renderResult(DeployRunModel shown) {
        if (run != shown) {
            return;
        }
        DeployRecord record = shown.resultProperty().get();
        for (String state : new String[] {"succeeded", "failed", "cancelled", "refused"}) {
            result.pseudoClassStateChanged(PseudoClass.getPseudoClass(state), record != null && state.equals(record.result()));
        }
        if (record == null) {
            result.setText(shown.isElsewhere() ? "Running elsewhere…" : "Running…");
            cancel.setDisable(shown.isElsewhere());
            ticker.play();
        } else {
            result.setText(record.result() + " in " + record.durationMillis() + " ms"
                    + (record.downtimeMillis() == null ? "" : ", downtime " + Downtime.describe(record.downtimeMillis()))
                    + (record.error() == null ? "" : "\n" + record.error())
                    + (record.succeeded() && !record.versions().isEmpty() ? "\n" + String.join("\n", record.describeVersions()) : "")
                    + acceptedChecks(record));
            cancel.setDisable(true);
            ticker.stop();
        }
        tick();
    }

    /** Checks that could not run and that the user accepted: part of what this run means. */
    private static String acceptedChecks(DeployRecord record) {
        List<String> accepted = record.skippedChecks().stream().filter(SkippedCheck::accepted).map(SkippedCheck::describe).toList();
        return accepted.isEmpty() ? "" : "\nchecks that could not run, accepted:\n  " + String.join("\n  ", accepted);
    }

    private void tick() {
        if (run == null) {
            elapsed.setText("");
            return;
        }
        Instant end = run.resultProperty().get() == null ? Instant.now() : run.resultProperty().get().finishedAt();
        long seconds = java.time.Duration.between(run.started(), end).toSeconds();
        elapsed.setText(String.format("%d:%02d", seconds / 60, seconds % 60));
    }

    private static TableColumn<ServiceProgress, String> column(String name, double width, Function<ServiceProgress, String> value) {
        TableColumn<ServiceProgress, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
