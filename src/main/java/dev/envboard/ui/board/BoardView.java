package dev.envboard.ui.board;

import dev.envboard.ui.common.Controls;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/** The board: the selected pool's environments side by side. */
public final class BoardView extends StackPane {
    private final HBox columns = new HBox(12);
    private final Map<EnvironmentColumnModel, Node> rendered = new IdentityHashMap<>();

    public BoardView(BoardViewModel model) {
        setId("board");
        getStyleClass().add("board");
        columns.getStyleClass().add("board-columns");
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("board-scroll");
        getChildren().add(scroll);
        model.columns().addListener((ListChangeListener<EnvironmentColumnModel>) change -> render(model));
        render(model);
    }

    private void render(BoardViewModel model) {
        if (model.columns().isEmpty()) {
            rendered.clear();
            columns.getChildren().setAll(Controls.styled("No hosts to show yet", "muted"));
            return;
        }
        // Unchanged column models keep their nodes; only changed columns are built again.
        Map<EnvironmentColumnModel, Node> next = new IdentityHashMap<>();
        for (EnvironmentColumnModel column : model.columns()) {
            Node node = rendered.get(column);
            next.put(column, node != null ? node : new EnvironmentColumn(column));
        }
        rendered.clear();
        rendered.putAll(next);
        columns.getChildren().setAll(model.columns().stream().map(next::get).toList());
    }
}
