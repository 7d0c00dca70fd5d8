package dev.envboard.ui.board;

import dev.envboard.pool.EnvironmentName;
import dev.envboard.ui.common.Controls;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks for an environment name and says what is wrong with it while the user types. */
final class NameDialog {
    private NameDialog() {
    }

    static void show(Window owner, String title, String initial, Consumer<String> onOk) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        TextField name = new TextField(initial);
        name.setId("environment-name");
        name.setPromptText("e.g. staging");
        Label problem = Controls.styled("", "field-problem");
        problem.setId("environment-name-problem");
        problem.setWrapText(true);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("environment-name-ok");
        Runnable validate = () -> {
            Optional<String> why = EnvironmentName.problem(name.getText().trim());
            problem.setText(why.orElse(""));
            ok.setDisable(why.isPresent());
        };
        name.textProperty().addListener((obs, old, now) -> validate.run());
        validate.run();
        VBox content = new VBox(6, name, problem);
        content.setPrefWidth(380);
        dialog.getDialogPane().setContent(content);
        dialog.setOnShown(e -> name.requestFocus());
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == ButtonType.OK) {
                onOk.accept(name.getText().trim());
            }
        });
        dialog.show();
    }
}
