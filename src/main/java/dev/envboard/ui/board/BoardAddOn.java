package dev.envboard.ui.board;

import java.util.List;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * What another feature adds to the board without the board knowing it: controls for its toolbar
 * and a panel under each environment column's header (demos use both).
 */
public interface BoardAddOn {
    /** The board's side of the add-on: reveals and marks a column, owns the window for dialogs. */
    interface Board {
        /** Scrolls the environment's column into view and marks it until the next click on the board. */
        void spotlight(String environment);

        Window window();
    }

    BoardAddOn NONE = new BoardAddOn() {
        @Override
        public List<Node> toolbarItems() {
            return List.of();
        }

        @Override
        public Node columnPanel(String environment) {
            return null;
        }
    };

    /** Placed in the toolbar after the board's own buttons; asked once. */
    List<Node> toolbarItems();

    /**
     * Shown under the header of an environment's column for as long as the column is; null for
     * none. Asked once per column node; it hides itself while it has nothing to show.
     */
    Node columnPanel(String environment);

    /** The board is built: the add-on may now reveal columns and open dialogs over its window. */
    default void attach(Board board) {
    }
}
