package dev.envboard.ui.board;

import dev.envboard.ui.common.Controls;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One environment column: a header with counts and status, then its host cards. */
final class EnvironmentColumn extends VBox {
    EnvironmentColumn(EnvironmentColumnModel model) {
        getStyleClass().add("env-column");
        if (model.isUnassigned()) {
            getStyleClass().add("unassigned");
        }
        setId("column-" + (model.isUnassigned() ? "unassigned" : model.environment()));

        Label title = Controls.styled(model.title(), "column-title");
        Label count = Controls.styled(String.valueOf(model.hosts().size()), "badge", "count-badge");
        count.setTooltip(Controls.tooltip(model.hosts().size() + " hosts"));
        HBox titleRow = new HBox(6, title, count);
        Label stats = Controls.styled(model.running() + " running  ·  " + model.summary(), "muted", "column-stats");
        VBox header = new VBox(2, titleRow, stats);
        header.getStyleClass().add("column-header");

        VBox cards = new VBox(8);
        cards.getStyleClass().add("column-cards");
        model.hosts().forEach(host -> cards.getChildren().add(new HostCard(host)));
        if (model.hosts().isEmpty()) {
            cards.getChildren().add(Controls.styled(model.isUnassigned() ? "Every host has an environment" : "No hosts",
                    "muted", "column-empty"));
        }
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("column-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, scroll);
    }
}
