package dev.envboard.ui.board;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;

/**
 * A row of a column's card list: one {@link HostCard} node, shown for whichever card the list
 * puts in this cell. Its click and drag handlers read the card the node shows when they run, so
 * a cell reused for another host never acts on the one it showed before. A cell the list keeps
 * aside (hidden, for reuse) and an empty one hold no card, so no stale host can be found or hit.
 */
final class HostCell extends ListCell<CardModel> {
    private final BoardViewModel board;
    private final ObservableBooleanValue compact;
    private HostCard node;

    HostCell(BoardViewModel board, ObservableBooleanValue compact) {
        this.board = board;
        this.compact = compact;
        getStyleClass().add("host-cell");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // The list then sizes the cell to its width (no horizontal scroll bar); the card fills it below.
        setPrefWidth(0);
        visibleProperty().addListener((obs, was, visible) -> showNode());
    }

    @Override
    protected void updateItem(CardModel card, boolean empty) {
        super.updateItem(card, empty);
        if (empty || card == null) {
            setGraphic(null);
            return;
        }
        if (node == null) {
            node = EnvironmentColumn.interactive(new HostCard(card, compact.get()), board);
        } else {
            node.show(card, compact.get());
        }
        showNode();
    }

    /** A labeled's graphic keeps its preferred width: give the card the cell's. */
    @Override
    protected void layoutChildren() {
        if (node != null && getGraphic() == node) {
            double width = Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset());
            if (node.getPrefWidth() != width) {
                node.setPrefWidth(width);
            }
        }
        super.layoutChildren();
    }

    private void showNode() {
        setGraphic(isVisible() && !isEmpty() && getItem() != null ? node : null);
    }
}
