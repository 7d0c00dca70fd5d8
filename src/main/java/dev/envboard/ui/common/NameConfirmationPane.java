package dev.envboard.ui.common;

import javafx.event.ActionEvent;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The fields of a {@link NameConfirmation} in a dialog: a lock, "Type qa to confirm" and a text
 * field per protected environment. Binds only; the model says whether the names match.
 */
public final class NameConfirmationPane extends VBox {
    public NameConfirmationPane(NameConfirmation model) {
        super(6);
        getStyleClass().add("name-confirmation");
        for (NameConfirmation.Field field : model.fields()) {
            Label prompt = Controls.styled(field.prompt(), "name-confirmation-prompt");
            prompt.setGraphic(Icons.LOCK.create());
            prompt.setWrapText(true);
            TextField typed = new TextField();
            typed.setId("confirm-name-" + field.environment());
            typed.setPromptText(field.environment());
            typed.setAccessibleText(field.prompt() + ": " + field.environment() + " is a protected environment");
            typed.textProperty().bindBidirectional(field.typedProperty());
            typed.setOnAction(ActionEvent::consume); // Enter in the field neither confirms nor cancels the dialog
            prompt.setLabelFor(typed);
            getChildren().addAll(prompt, typed);
        }
    }

    /** The first field, to give it the focus when the dialog opens; null when there is none. */
    public TextField firstField() {
        return getChildren().stream().filter(TextField.class::isInstance).map(TextField.class::cast).findFirst().orElse(null);
    }
}
