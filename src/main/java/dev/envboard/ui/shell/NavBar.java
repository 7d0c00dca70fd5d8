package dev.envboard.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** The left navigation: one toggle per section; the selected one follows the view model. */
final class NavBar extends VBox {
    NavBar(ShellViewModel model) {
        super(2);
        getStyleClass().add("nav-bar");
        ToggleGroup group = new ToggleGroup();
        for (NavSection section : NavSection.values()) {
            ToggleButton button = new ToggleButton(section.title(), section.icon().create());
            button.setId("nav-" + section.name().toLowerCase());
            button.getStyleClass().add("nav-button");
            button.setToggleGroup(group);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setUserData(section);
            button.setSelected(model.sectionProperty().get() == section);
            getChildren().add(button);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // keep one section selected
            } else {
                model.sectionProperty().set((NavSection) now.getUserData());
            }
        });
        model.sectionProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));
    }
}
