package dev.envboard.ui.shell;

import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.Operations;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.TaskProgressView;

/** The status bar: the selected pool's state, and the running operations behind a button. */
final class StatusLine extends StatusBar {
    StatusLine(ShellViewModel model, Operations operations) {
        setId("status-bar");
        textProperty().bind(model.statusProperty());

        TaskProgressView<Task<?>> progress = new TaskProgressView<>();
        progress.setPrefSize(420, 240);
        operations.running().addListener((ListChangeListener<Task<?>>) change -> {
            while (change.next()) {
                // TaskProgressView drops finished tasks itself; only new ones are forwarded.
                change.getAddedSubList().forEach(task -> progress.getTasks().add(task));
            }
        });
        PopOver popOver = new PopOver(progress);
        popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
        popOver.setTitle("Operations");
        popOver.setHeaderAlwaysVisible(true);

        Button button = new Button(null, Icons.OPERATIONS.create());
        button.setId("operations-button");
        button.getStyleClass().add("flat");
        button.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = operations.running().size();
            return n == 0 ? "No operations running" : n + " running";
        }, operations.running()));
        button.setAccessibleText("Running operations");
        button.setOnAction(e -> {
            if (popOver.isShowing()) {
                popOver.hide();
            } else {
                popOver.show(button);
            }
        });
        getRightItems().add(button);
    }
}
