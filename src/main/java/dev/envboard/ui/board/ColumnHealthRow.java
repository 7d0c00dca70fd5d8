package dev.envboard.ui.board;

import dev.envboard.health.EnvironmentCounts;
import dev.envboard.health.HealthStatus;
import dev.envboard.ui.common.Controls;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** An environment header's line of service instance counts: passing, warning, critical, maintenance. */
final class ColumnHealthRow {
    private ColumnHealthRow() {
    }

    static HBox of(String environment, ColumnHealth health) {
        HBox row = new HBox(8);
        row.setId("health-counts-" + (environment == null ? "unassigned" : environment));
        row.getStyleClass().add("column-health");
        row.setAlignment(Pos.CENTER_LEFT);
        EnvironmentCounts counts = health.counts();
        if (!health.current()) {
            Label unknown = label(environment, HealthStatus.UNKNOWN, "health unknown: Consul " + health.state());
            unknown.setTooltip(Controls.tooltip("Consul is " + health.state() + "; the last known instances count as unknown, never as passing"));
            row.getChildren().add(unknown);
            return row;
        }
        if (counts.total() == 0) {
            row.getChildren().add(Controls.styled("no Consul services", "muted", "health-count"));
            return row;
        }
        row.getChildren().addAll(
                count(environment, HealthStatus.PASSING, counts.passing(), "ok"),
                count(environment, HealthStatus.WARNING, counts.warning(), "warn"),
                count(environment, HealthStatus.CRITICAL, counts.critical(), "crit"));
        if (counts.maintenance() > 0) {
            row.getChildren().add(count(environment, HealthStatus.MAINTENANCE, counts.maintenance(), "maint"));
        }
        if (health.partial()) {
            Label partial = Controls.styled("partial", "badge", "partial-badge");
            partial.setTooltip(Controls.tooltip("Consul's ACLs hid part of the answer: the counts may be low"));
            row.getChildren().add(partial);
        }
        return row;
    }

    /** Short words so that four counts fit a column; the tooltip says them in full. A zero is dimmed. */
    private static Label count(String environment, HealthStatus status, int n, String word) {
        Label label = label(environment, status, n + " " + word);
        label.setTooltip(Controls.tooltip(n + " service instance" + (n == 1 ? "" : "s") + " " + status.label()));
        label.setAccessibleText(n + " " + status.label());
        if (n == 0) {
            label.getStyleClass().add("zero");
        }
        return label;
    }

    private static Label label(String environment, HealthStatus status, String text) {
        Circle dot = new Circle(4);
        dot.getStyleClass().addAll("health-dot", status.label());
        Label label = Controls.styled(text, "health-count", status.label());
        label.setId("health-" + (environment == null ? "unassigned" : environment) + "-" + status.label());
        label.setGraphic(dot);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
