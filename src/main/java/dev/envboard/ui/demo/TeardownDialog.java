package dev.envboard.ui.demo;

import dev.envboard.ui.common.Controls;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Tear down demo-acme?": says what goes and what comes back. A protected environment asks for
 * its name typed, exactly, before Tear down is enabled. Cancel is the default.
 */
final class TeardownDialog {
    private TeardownDialog() {
    }

    /**
     * @param cleanup   a retry of a stuck teardown ("Clean up") rather than the first one
     * @param onConfirm gets the name typed (null when none was asked for)
     */
    static void show(Window owner, DemoColumnModel demo, boolean typedNameNeeded, boolean cleanup, Consumer<String> onConfirm) {
        String env = demo.environment();
        String action = cleanup ? "Clean up" : "Tear down";
        ButtonType tearDown = new ButtonType(action, ButtonBar.ButtonData.OTHER);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, null, tearDown, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(action + " " + env);
        alert.setHeaderText(action + " demo " + env + " in " + demo.pool() + "?");
        Label text = new Label((cleanup ? "The teardown is tried again: " : "") + "Everything of " + env + " (template " + demo.template() + ", " + demo.who() + ") is removed and "
                + "Envboard waits until it is really gone; then its hosts" + (demo.hosts().isEmpty() ? "" : " (" + String.join(", ", demo.hosts()) + ")")
                + " go back to Unassigned and its record is removed.\n\nAnything that cannot be removed is named, and the demo "
                + "stays on the board marked stuck, with Clean up to try again.");
        text.setWrapText(true);
        VBox content = new VBox(8, text);
        Button confirm = (Button) alert.getDialogPane().lookupButton(tearDown);
        confirm.setId("confirm-teardown");
        confirm.setDefaultButton(false);
        confirm.getStyleClass().add("danger");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        TextField typed = new TextField();
        if (typedNameNeeded) {
            typed.setId("teardown-typed-name");
            typed.setPromptText(env);
            Label ask = Controls.styled(env + " is protected. Type " + env + " to confirm:", "demo-protected");
            ask.setWrapText(true);
            content.getChildren().addAll(ask, typed);
            confirm.disableProperty().bind(typed.textProperty().isNotEqualTo(env));
            alert.setOnShown(e -> typed.requestFocus());
        }
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("teardown-dialog");
        alert.getDialogPane().setPrefWidth(520);
        alert.setOnHidden(e -> {
            if (alert.getResult() == tearDown) {
                onConfirm.accept(typedNameNeeded ? typed.getText() : null);
            }
        });
        alert.show();
    }
}
