package dev.envboard.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor of {@code startup}'s window: a JavaFX hello-world (a Stage with a Label), run with the
 * same JavaFX jars on the module path as {@code ./envboard}. It prints {@code envboard-probe
 * first-frame} to stderr at its first rendered frame: from a post-layout pulse listener of the Scene,
 * on the first pulse after the stage is showing (the pulse that lays out and hands the first frame
 * to the renderer).
 */
public final class FxHello extends Application {
    private boolean printed;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello, world")), 640, 400);
        // A flag, not removing the listener: the Scene runs its listeners from a loop over their list.
        scene.addPostLayoutPulseListener(() -> {
            if (!printed && stage.isShowing()) {
                printed = true;
                System.err.println("envboard-probe first-frame");
            }
        });
        stage.setTitle("hello");
        stage.setScene(scene);
        stage.show();
    }
}
