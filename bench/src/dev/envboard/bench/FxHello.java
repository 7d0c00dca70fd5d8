package dev.envboard.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor of {@code startup}'s window: a JavaFX hello-world (a Stage with a Label), run with the
 * same JavaFX jars on the module path as {@code ./envboard}. It prints {@code envboard-probe
 * first-frame} to stderr at its first frame as the window does (dev.envboard.ui.StartupProbe): from a
 * post-layout pulse listener of the Scene added right after the stage is shown, on its first call
 * (the first pulse, which lays out the first frame and hands it to the renderer).
 */
public final class FxHello extends Application {
    private Runnable probe;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello, world")), 640, 400);
        stage.setTitle("hello");
        stage.setScene(scene);
        stage.show();
        probe = () -> {
            System.err.println("envboard-probe first-frame");
            System.err.flush();
            scene.removePostLayoutPulseListener(probe); // the Scene keeps its listeners in a copy-on-write list
        };
        scene.addPostLayoutPulseListener(probe);
    }
}
