package dev.envboard.ui.shell;

import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.Operations;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.TaskProgressView;

/**
 * The status bar: the selected pool's state, the newest notice (a record not written, corrupt
 * lines skipped) until dismissed, and the running operations behind a button.
 */
final class StatusLine extends StatusBar {
    StatusLine(ShellViewModel model, Operations operations) {
        setId("status-bar");
        textProperty().bind(model.statusProperty());
        getLeftItems().add(noticeBox(model));

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

    private static HBox noticeBox(ShellViewModel model) {
        Label notice = new Label(null, Icons.WARNING.create());
        notice.setId("status-notice");
        notice.getStyleClass().add("status-notice");
        notice.textProperty().bind(model.noticeProperty());
        Tooltip all = Controls.tooltip("");
        all.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.notices()), model.notices()));
        notice.setTooltip(all);
        Button dismiss = Controls.iconButton(Icons.CLOSE, "Dismiss the notices");
        dismiss.setId("dismiss-notices");
        dismiss.setOnAction(e -> model.dismissNotices());
        HBox box = new HBox(4, notice, dismiss);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
