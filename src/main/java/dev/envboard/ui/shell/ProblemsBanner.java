package dev.envboard.ui.shell;

import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.yaml.InputProblem;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A banner listing what is wrong in the configuration, with file, line and field; dismissable. */
final class ProblemsBanner extends HBox {
    private final Label text = new Label();

    ProblemsBanner(ObservableList<InputProblem> problems) {
        super(8);
        getStyleClass().add("problems-banner");
        setId("problems-banner");
        text.setWrapText(true);
        text.setGraphic(Icons.WARNING.create());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = Controls.iconButton(Icons.CLOSE, "Dismiss");
        dismiss.setOnAction(e -> problems.clear());
        getChildren().addAll(text, dismiss);
        problems.addListener((ListChangeListener<InputProblem>) c -> update(problems));
        update(problems);
    }

    private void update(ObservableList<InputProblem> problems) {
        setVisible(!problems.isEmpty());
        setManaged(!problems.isEmpty());
        long errors = problems.stream().filter(InputProblem::isError).count();
        String header = errors > 0
                ? "Some pools were left out because of errors in the configuration:"
                : "The configuration has warnings:";
        text.setText(header + "\n" + problems.stream().map(InputProblem::toString).collect(Collectors.joining("\n")));
    }
}
