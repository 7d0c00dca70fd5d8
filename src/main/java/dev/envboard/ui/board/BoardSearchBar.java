package dev.envboard.ui.board;

import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

/**
 * The board's search field and its count ("N of M hosts"): typing highlights the matching hosts,
 * Enter goes to the next match (Shift+Enter the previous), Esc clears and gives the focus back.
 */
final class BoardSearchBar extends HBox {
    private final TextField field = new TextField();

    /**
     * @param goToMatch goes to the next (1) or previous (-1) match
     * @param leave     gives the focus back to the board
     */
    BoardSearchBar(BoardViewModel model, IntConsumer goToMatch, Runnable leave) {
        super(6);
        field.setId("board-search");
        field.setPromptText("Find hosts (Ctrl+F)");
        field.setAccessibleText("Find hosts by name, address or label");
        field.setTooltip(Controls.tooltip("Highlight hosts whose name, address or labels contain every word typed;"
                + " Enter or F3 goes to the next (with Shift the previous), Esc clears"));
        field.getStyleClass().add("board-search");
        field.textProperty().addListener((obs, old, text) -> model.search(text));
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                goToMatch.accept(e.isShiftDown() ? -1 : 1);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                field.clear();
                leave.run();
                e.consume();
            }
        });
        Label count = Controls.styled("", "muted", "board-search-count");
        count.setId("board-search-count");
        count.textProperty().bind(model.searchSummaryProperty());
        count.accessibleTextProperty().bind(model.searchSummaryProperty());
        Label icon = new Label(null, Icons.SEARCH.create());
        icon.getStyleClass().add("board-search-icon");
        getChildren().addAll(icon, field, count);
        setAlignment(Pos.CENTER_LEFT);
    }

    /** Ctrl+F: into the field, its text selected so that typing replaces it. */
    void focus() {
        field.requestFocus();
        field.selectAll();
    }

    boolean isEmpty() {
        return field.getText().isEmpty();
    }

    void clear() {
        field.clear();
    }
}
