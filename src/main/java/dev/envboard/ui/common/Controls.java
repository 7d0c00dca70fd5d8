package dev.envboard.ui.common;

import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/** Small builders for controls the views share. */
public final class Controls {
    private Controls() {
    }

    /** An icon-only button: always with a tooltip and accessible text for screen readers. */
    public static Button iconButton(Icons icon, String text) {
        Button button = new Button(null, icon.create());
        button.getStyleClass().addAll("flat", "icon-button");
        button.setTooltip(tooltip(text));
        button.setAccessibleText(text);
        return button;
    }

    public static Tooltip tooltip(String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setShowDelay(Duration.millis(300));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(480);
        return tooltip;
    }

    public static Region hgrow() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    public static Label styled(String text, String... styleClasses) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    /**
     * Sets a pane's children only when they differ: {@code setAll} detaches every child for a
     * moment, and a click or a lookup landing in that moment finds nothing (or no scene).
     */
    public static void setChildren(ObservableList<Node> children, List<? extends Node> next) {
        if (!children.equals(next)) {
            children.setAll(next);
        }
    }
}
