package dev.envboard.ui.board;

import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.move.MoveImpact;
import dev.envboard.pool.move.MovePlan;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.NameConfirmationPane;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Move 2 hosts to qa?": the label change per host at once, then the impact on running work
 * when the analysis returns. Nothing changes unless the user confirms.
 */
final class MoveConfirmation {
    private MoveConfirmation() {
    }

    /**
     * Lists the proposal's label changes at once and its impact when it is known; on confirmation
     * the same proposal is handed back to run.
     */
    static void show(Window owner, MoveProposal proposal, Consumer<MoveProposal> onConfirm) {
        String title = proposal.title();
        CompletableFuture<MovePlan> plan = proposal.plan();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        ButtonType move = new ButtonType("Move", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(move, ButtonType.CANCEL);
        dialog.getDialogPane().getStyleClass().add("move-confirmation");
        Button confirm = (Button) dialog.getDialogPane().lookupButton(move);
        confirm.setId("confirm-move");
        // Enabled once the impact is known and the name of every protected environment left is typed.
        BooleanProperty planned = new SimpleBooleanProperty(false);
        confirm.disableProperty().bind(planned.not().or(
                BooleanExpression.booleanExpression(proposal.confirmation().confirmedProperty()).not()));
        // "Move anyway" is longer than "Move": the button must take its own width, not the bar's.
        ButtonBar.setButtonUniformSize(confirm, false);
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setId("cancel-move");

        VBox changeList = new VBox(4);
        proposal.changes().forEach(c -> changeList.getChildren().add(Controls.styled("• " + c, "change-line")));
        proposal.skipped().forEach(c -> changeList.getChildren().add(wrapping(Controls.styled("• " + c, "muted", "change-skipped"))));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Label checking = Controls.styled("Checking what this does to running work…", "muted");
        checking.setGraphic(spinner);
        VBox impact = new VBox(4, checking);
        impact.setId("move-impact");
        VBox content = new VBox(10, Controls.styled("Label changes", "text-bold"), changeList,
                Controls.styled("Impact", "text-bold"), impact);
        NameConfirmationPane names = new NameConfirmationPane(proposal.confirmation());
        if (proposal.confirmation().isRequired() && !proposal.isEmpty()) {
            content.getChildren().addAll(Controls.styled("Protected", "text-bold"), names);
        }
        content.setPrefWidth(560);
        dialog.getDialogPane().setContent(content);

        plan.whenComplete((result, error) -> {
            impact.getChildren().clear();
            if (error != null) {
                impact.getChildren().add(warning("Cannot plan the move: " + DockerErrors.describe(error)));
                return;
            }
            if (result.moves().isEmpty()) {
                impact.getChildren().add(Controls.styled("Nothing to change: every host is where it would go, or on its way.", "muted"));
                return;
            }
            fill(impact, result.impact());
            planned.set(true);
            if (!result.impact().unschedulable().isEmpty()) {
                confirm.setText("Move anyway");
            }
            fitToContent(dialog);
        });
        dialog.setResultConverter(button -> button);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == move && plan.isDone() && !plan.isCompletedExceptionally()
                    && proposal.confirmation().isConfirmed()) {
                onConfirm.accept(proposal);
            }
        });
        dialog.show();
        if (names.firstField() != null && !proposal.isEmpty()) {
            names.firstField().requestFocus();
        }
    }

    private static void fill(VBox box, MoveImpact impact) {
        impact.stoppedTasks().forEach(t -> box.getChildren().add(line("Stops and reschedules " + t, "impact-stop")));
        impact.unschedulable().forEach(s -> box.getChildren().add(warning("Unschedulable: " + s)));
        impact.starting().forEach(s -> box.getChildren().add(line("Starts " + s, "impact-start")));
        impact.keptContainers().forEach(c -> box.getChildren().add(line("Keeps running until the next redeploy: " + c, "impact-keep")));
        impact.warnings().forEach(w -> box.getChildren().add(warning("Could not check " + w)));
        if (impact.isHarmless()) {
            box.getChildren().add(line("No running work is affected.", "impact-none"));
        }
    }

    private static Label line(String text, String style) {
        return wrapping(Controls.styled("• " + text, "impact-line", style));
    }

    private static Label warning(String text) {
        Label label = wrapping(Controls.styled(text, "impact-line", "impact-warning"));
        label.setGraphic(Icons.WARNING.create());
        return label;
    }

    /** Wrapped labels must be allowed their full height, or JavaFX cuts them with an ellipsis. */
    private static Label wrapping(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    /** The impact arrives after the dialog is shown: grow the window so nothing (buttons!) is cut off. */
    private static void fitToContent(Dialog<?> dialog) {
        Window window = dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
        if (window != null) {
            window.sizeToScene();
        }
    }
}
