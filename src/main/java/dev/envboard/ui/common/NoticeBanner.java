package dev.envboard.ui.common;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Messages the user should see (a failed move, a refused action) until dismissed; hidden when empty. */
public final class NoticeBanner extends HBox {
    private static final int SHOWN = 5;
    private final Label text = new Label();

    public NoticeBanner(ObservableList<String> notices) {
        super(8);
        getStyleClass().add("notice-banner");
        setId("notices");
        text.setWrapText(true);
        text.setGraphic(Icons.ERROR.create());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = Controls.iconButton(Icons.CLOSE, "Dismiss");
        dismiss.setOnAction(e -> notices.clear());
        getChildren().addAll(text, dismiss);
        notices.addListener((ListChangeListener<String>) c -> update(notices));
        update(notices);
    }

    private void update(ObservableList<String> notices) {
        setVisible(!notices.isEmpty());
        setManaged(!notices.isEmpty());
        int from = Math.max(0, notices.size() - SHOWN);
        text.setText(String.join("\n", notices.subList(from, notices.size())));
    }
}
