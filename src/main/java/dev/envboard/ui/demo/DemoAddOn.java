package dev.envboard.ui.demo;

import dev.envboard.ui.board.BoardAddOn;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** Demos on the board: "Launch demo…" in its toolbar and a demo panel in each environment's column. */
public final class DemoAddOn implements BoardAddOn {
    private final DemoBoardModel model;
    private Board board;

    public DemoAddOn(DemoBoardModel model) {
        this.model = model;
    }

    @Override
    public List<Node> toolbarItems() {
        Button launch = new Button("Launch demo…", Icons.DEMO.create());
        launch.setId("launch-demo");
        launch.setTooltip(Controls.tooltip("Launch a demo from one of the pool's templates on its free hosts "
                + "(select cards in Unassigned first to launch on those)"));
        launch.disableProperty().bind(model.preparingProperty());
        launch.setOnAction(e -> model.prepareLaunch(form -> LaunchDemoDialog.show(window(), form, model::launch)));
        Label problems = new Label(null, Icons.WARNING.create());
        problems.setId("demo-problems");
        problems.getStyleClass().add("demo-problems");
        problems.setAccessibleText("Demos that could not be read");
        problems.visibleProperty().bind(model.problemsProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());
        javafx.scene.control.Tooltip tooltip = Controls.tooltip("");
        tooltip.textProperty().bind(model.problemsProperty());
        problems.setTooltip(tooltip);
        return List.of(launch, problems);
    }

    @Override
    public Node columnPanel(String environment) {
        return new DemoColumnPanel(environment, model, this::window);
    }

    @Override
    public void attach(Board attached) {
        this.board = attached;
        model.spotlightProperty().addListener((obs, old, environment) -> {
            if (environment != null) {
                attached.spotlight(environment);
            }
        });
    }

    private javafx.stage.Window window() {
        return board == null ? null : board.window();
    }
}
