package dev.envboard.ui.deploys;

import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.NameConfirmation;
import dev.envboard.ui.common.NameConfirmationPane;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Redeploy qa?": says what will be removed and where the new deployment comes from, after the
 * validation ran (off the FX thread): what it would refuse, its warnings, and every check that
 * could not run, which the user must accept explicitly. Cancel is the default.
 */
public final class RedeployConfirmation {
    private RedeployConfirmation() {
    }

    /**
     * Shows what the validation found; {@code onConfirm} gets the skipped checks the user accepted.
     * A protected environment's name must be typed into {@code typedName}'s field first.
     */
    public static void show(Window owner, PoolSpec pool, String environment, ValidationReport report, NameConfirmation typedName,
                            Consumer<List<SkippedCheck>> onConfirm) {
        ButtonType redeploy = new ButtonType("Redeploy", ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(report.refused() ? Alert.AlertType.WARNING : Alert.AlertType.CONFIRMATION, null, redeploy, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Redeploy " + environment);
        alert.setHeaderText(report.refused() ? "The redeploy of " + environment + " in " + pool.name() + " would be refused"
                : "Redeploy " + environment + " in " + pool.name() + "?");
        VBox content = new VBox(8);
        Label text = new Label(report.refused() ? report.refusal() : describe(environment, Optional.ofNullable(report.stackFile()), report.hosts(), true));
        text.setWrapText(true);
        text.getStyleClass().add("redeploy-summary");
        content.getChildren().add(text);
        if (!report.refused() && !report.changes().isEmpty()) {
            Label changes = new Label("What changes:\n  " + String.join("\n  ", report.changes()));
            changes.setWrapText(true);
            changes.setId("redeploy-changes");
            content.getChildren().add(changes);
        }
        if (!report.warnings().isEmpty()) {
            Label warnings = new Label("Warnings:\n  " + String.join("\n  ", report.warnings()));
            warnings.setWrapText(true);
            warnings.setId("redeploy-warnings");
            content.getChildren().add(warnings);
        }
        Button confirm = (Button) alert.getDialogPane().lookupButton(redeploy);
        BooleanExpression blocked = BooleanExpression.booleanExpression(typedName.confirmedProperty()).not();
        if (!report.refused() && !report.skipped().isEmpty()) {
            Label skipped = new Label("These checks could not run, so they neither passed nor failed:\n  "
                    + String.join("\n  ", report.skipped().stream().map(SkippedCheck::describe).toList()));
            skipped.setWrapText(true);
            skipped.setId("redeploy-skipped-checks");
            skipped.getStyleClass().add("redeploy-skipped");
            CheckBox accept = new CheckBox("Redeploy without " + (report.skipped().size() == 1 ? "this check" : "these checks"));
            accept.setId("accept-skipped-checks");
            blocked = blocked.or(accept.selectedProperty().not());
            content.getChildren().addAll(skipped, accept);
        }
        NameConfirmationPane names = new NameConfirmationPane(typedName);
        if (report.refused()) {
            confirm.setDisable(true); // nothing to confirm: the dialog says why
        } else {
            confirm.disableProperty().bind(blocked);
            content.getChildren().add(names);
        }
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("redeploy-dialog");
        alert.getDialogPane().setPrefWidth(600);
        confirm.setId("confirm-redeploy");
        confirm.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> {
            if (alert.getResult() == redeploy && !report.refused()) {
                onConfirm.accept(report.skipped().stream().map(SkippedCheck::accept).toList());
            }
        });
        alert.show();
        if (names.firstField() != null && !report.refused()) {
            names.firstField().requestFocus();
        }
    }

    /**
     * Before the validation ran (kept for callers that validate after confirming): the run then
     * refuses a check that could not run, unless it is accepted in the dialog above.
     */
    public static void show(Window owner, PoolSpec pool, String environment, Optional<Path> stackFile, List<String> hosts,
                            Runnable onConfirm) {
        ButtonType redeploy = new ButtonType("Redeploy", ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, null, redeploy, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Redeploy " + environment);
        alert.setHeaderText("Redeploy " + environment + " in " + pool.name() + "?");
        alert.setContentText(describe(environment, stackFile, hosts, false));
        alert.getDialogPane().setId("redeploy-dialog");
        alert.getDialogPane().setPrefWidth(560);
        Button confirm = (Button) alert.getDialogPane().lookupButton(redeploy);
        confirm.setId("confirm-redeploy");
        confirm.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> {
            if (alert.getResult() == redeploy) {
                onConfirm.run();
            }
        });
        alert.show();
    }

    private static String describe(String environment, Optional<Path> stackFile, List<String> hosts, boolean checked) {
        return "Everything of " + environment + " is removed, Envboard waits until it is really gone, then deploys it "
                + "fresh from\n    " + stackFile.map(Path::toString).orElse("(no stack found: the run will be refused)")
                + "\non " + (hosts.isEmpty() ? "no hosts (the run will be refused)" : String.join(", ", hosts)) + ".\n\n"
                + (checked ? "The stack, the hosts, the images and the placement were checked; the run checks them again "
                + "when it starts: if anything is wrong then, nothing is touched."
                : "The stack, the hosts, the images and the placement are checked first: if anything is wrong, nothing is touched.");
    }
}
