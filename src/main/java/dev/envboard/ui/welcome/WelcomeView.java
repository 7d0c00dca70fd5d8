package dev.envboard.ui.welcome;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.shell.PoolItem;
import dev.envboard.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** Shown when no pool answers: what was tried, and how to add a pool or start the sandbox. */
public final class WelcomeView extends ScrollPane {
    private static final String EXAMPLE = """
            pools:
              - name: qa-swarm
                kind: swarm
                endpoint: tcp://swarm-manager.example:2376
                tls: ~/.docker/qa            # ca.pem, cert.pem, key.pem
              - name: lab
                kind: standalone
                engines:
                  - endpoint: tcp://lab-1.example:2376
                    tls: ~/.docker/lab
            """;

    private final Label tried = new Label();

    public WelcomeView(ShellViewModel model, Path poolsFile) {
        setId("welcome");
        setFitToWidth(true);
        getStyleClass().add("welcome");
        VBox box = new VBox(14);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("welcome-box");

        Label title = Controls.styled("No Docker engine answers", "title-1");
        title.setGraphic(Icons.OFFLINE.create());
        tried.setWrapText(true);
        tried.setId("welcome-tried");

        Label addPool = Controls.styled("Add a pool: write " + poolsFile + ", for example:", "text-bold");
        addPool.setWrapText(true);
        TextArea example = new TextArea(EXAMPLE);
        example.setEditable(false);
        example.setPrefRowCount(12);
        example.getStyleClass().add("code");

        Label sandbox = Controls.styled("Or try Envboard on a local sandbox pool of real engines (needs root):", "text-bold");
        TextArea sandboxCommand = new TextArea("sudo ./envboard --sandbox");
        sandboxCommand.setEditable(false);
        sandboxCommand.setPrefRowCount(1);
        sandboxCommand.getStyleClass().add("code");

        Button retry = new Button("Try again", Icons.REFRESH.create());
        retry.setId("welcome-retry");
        retry.setOnAction(e -> model.refresh());

        box.getChildren().addAll(title, tried, retry, addPool, example, sandbox, sandboxCommand);
        setContent(box);
        model.pools().forEach(item -> item.snapshotProperty().addListener((obs, old, now) -> describe(model)));
        describe(model);
    }

    private void describe(ShellViewModel model) {
        StringBuilder text = new StringBuilder("Pools came from " + model.config().source() + ".\n");
        if (model.pools().isEmpty()) {
            text.append("No valid pool was found there.");
        }
        for (PoolItem item : model.pools()) {
            PoolSpec spec = item.spec();
            String endpoints = spec.endpoints().stream().map(EndpointSpec::toString).collect(Collectors.joining(", "));
            text.append("\n• ").append(spec.name()).append(" (").append(endpoints).append("): ")
                    .append(item.status().label()).append(" — ").append(item.snapshot().message());
        }
        tried.setText(text.toString());
    }
}
