package dev.envboard.ui.containers;

import dev.envboard.ui.common.Controls;
import java.util.Locale;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** A container's inspect JSON, searchable: Enter finds the next match. */
final class InspectDialog {
    private InspectDialog() {
    }

    static void show(Window owner, String title, String json) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setResizable(true);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("inspect-dialog");
        TextArea text = new TextArea(json);
        text.setEditable(false);
        text.setId("inspect-json");
        text.getStyleClass().add("code");
        text.setPrefSize(760, 520);
        VBox.setVgrow(text, Priority.ALWAYS);
        TextField search = new TextField();
        search.setId("inspect-search");
        search.setPromptText("Find (Enter for the next match)");
        Label found = Controls.styled("", "muted");
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                findNext(text, search.getText(), found);
            }
        });
        search.textProperty().addListener((obs, old, now) -> {
            text.positionCaret(0);
            findNext(text, now, found);
        });
        dialog.getDialogPane().setContent(new VBox(8, new HBox(8, search, found), text));
        dialog.setOnShown(e -> search.requestFocus());
        dialog.show();
    }

    private static void findNext(TextArea text, String needle, Label found) {
        if (needle == null || needle.isEmpty()) {
            found.setText("");
            return;
        }
        String haystack = text.getText().toLowerCase(Locale.ROOT);
        String lower = needle.toLowerCase(Locale.ROOT);
        int from = text.getSelection().getLength() > 0 ? text.getSelection().getEnd() : text.getCaretPosition();
        int at = haystack.indexOf(lower, from);
        if (at < 0) {
            at = haystack.indexOf(lower); // wrap around
        }
        if (at < 0) {
            found.setText("not found");
            return;
        }
        found.setText("");
        text.selectRange(at, at + needle.length());
    }
}
