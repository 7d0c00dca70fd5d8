package dev.envboard.ui.shell;

import dev.envboard.ui.common.Controls;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Stands in for a section that is not built yet, and says so plainly. */
public final class PendingSection extends VBox {
    public PendingSection(NavSection section, String what) {
        super(8);
        setAlignment(Pos.CENTER);
        getStyleClass().add("pending-section");
        Label title = Controls.styled(section.title(), "title-2");
        title.setGraphic(section.icon().create());
        Label text = Controls.styled("Not available yet: " + what, "muted");
        text.setWrapText(true);
        getChildren().addAll(title, text);
    }
}
