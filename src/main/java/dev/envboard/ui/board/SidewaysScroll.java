package dev.envboard.ui.board;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * Scrolling the board's row of columns sideways: Shift+wheel (or a sideways wheel), a column at
 * a time, to either end, or just far enough that a column shows whole. The plain wheel is left
 * to the column under the pointer, which scrolls its cards.
 */
final class SidewaysScroll {
    /** A wheel notch is about 40 px: across 30 columns, three times that. */
    private static final double WHEEL_STEP = 3;

    private final ScrollPane scroll;
    private final HBox columns;

    SidewaysScroll(ScrollPane scroll, HBox columns) {
        this.scroll = scroll;
        this.columns = columns;
        // A filter: the column lists below would otherwise take the (shifted) wheel themselves.
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            double delta = e.isShiftDown() ? (e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY()) : e.getDeltaX();
            if (delta == 0 || (!e.isShiftDown() && Math.abs(e.getDeltaX()) < Math.abs(e.getDeltaY()))) {
                return;
            }
            by(-WHEEL_STEP * delta);
            e.consume();
        });
    }

    /** One (expanded) column's width to the right (1) or left (-1). */
    void byColumns(int step) {
        double width = columns.getChildren().stream().filter(Region.class::isInstance)
                .mapToDouble(n -> ((Region) n).getWidth()).max().orElse(0);
        by(step * (width + columns.getSpacing()));
    }

    void toStart() {
        scroll.setHvalue(scroll.getHmin());
    }

    void toEnd() {
        scroll.setHvalue(scroll.getHmax());
    }

    /** Scrolls just enough that the whole column shows. */
    void reveal(Node column) {
        scroll.applyCss();
        scroll.layout(); // a new column must have its place first
        double viewport = scroll.getViewportBounds().getWidth();
        double hidden = hidden();
        if (hidden <= 0) {
            return;
        }
        double left = scroll.getHvalue() * hidden;
        double minX = column.getBoundsInParent().getMinX() - columns.getSpacing();
        double maxX = column.getBoundsInParent().getMaxX() + columns.getSpacing();
        if (minX < left) {
            scroll.setHvalue(clamp(minX / hidden));
        } else if (maxX > left + viewport) {
            scroll.setHvalue(clamp((maxX - viewport) / hidden));
        }
    }

    private void by(double pixels) {
        double hidden = hidden();
        if (hidden > 0) {
            scroll.setHvalue(clamp(scroll.getHvalue() + pixels / hidden));
        }
    }

    /** How much of the row is out of view (the scroll pane's hvalue runs 0..1 over it). */
    private double hidden() {
        return columns.getWidth() - scroll.getViewportBounds().getWidth();
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
