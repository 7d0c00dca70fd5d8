package dev.envboard.ui.board;

import dev.envboard.pool.Availability;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostRole;
import dev.envboard.pool.HostState;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** A host on the board: name, role, state, address, engine, resources and running work. */
final class HostCard extends VBox {
    private final Host host;

    HostCard(Host host) {
        super(4);
        this.host = host;
        getStyleClass().add("host-card");
        setId("host-" + host.hostname());
        for (HostState state : HostState.values()) {
            pseudoClassStateChanged(PseudoClass.getPseudoClass(state.label()), host.state() == state);
        }
        pseudoClassStateChanged(PseudoClass.getPseudoClass("drain"), host.availability() == Availability.DRAIN);

        Circle state = new Circle(5);
        state.getStyleClass().add("state-dot");
        Label name = Controls.styled(host.hostname(), "host-name");
        name.setGraphic(state);
        name.setMinWidth(0);
        Circle health = new Circle(5);
        health.getStyleClass().addAll("health-dot", "unknown");
        Label healthHolder = new Label(null, health);
        healthHolder.setMinWidth(Region.USE_PREF_SIZE);
        healthHolder.setTooltip(Controls.tooltip("Service health: no Consul configured for this pool"));
        HBox header = new HBox(6, name, Controls.hgrow(), healthHolder);
        header.getStyleClass().add("card-header");

        Label role = Controls.styled(roleText(host), "badge", "role-" + host.role().label());
        role.setMinWidth(Region.USE_PREF_SIZE);
        Label address = Controls.styled(orDash(host.address()) + "  ·  " + stateText(host), "muted", "card-line");
        HBox identity = new HBox(6, role, address);
        identity.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, identity);

        if (host.isReachable() || host.engineVersion() != null) {
            Label engine = Controls.styled("Docker " + orDash(host.engineVersion()), "card-line");
            engine.setGraphic(Icons.HOST.create());
            Label resources = Controls.styled(host.cpus() + " CPU  ·  " + memory(host.memoryBytes())
                    + "  ·  " + host.running() + (host.role() == HostRole.STANDALONE ? " running" : " tasks"), "card-line");
            resources.setGraphic(Icons.CPU.create());
            getChildren().addAll(engine, resources);
        }
        if (host.error() != null) {
            Label error = Controls.styled(host.error(), "card-error");
            error.setWrapText(true);
            error.setGraphic(Icons.ERROR.create());
            getChildren().add(error);
        }
        setAccessibleText(host.hostname() + ", " + stateText(host) + ", " + roleText(host));
        Tooltip.install(this, Controls.tooltip(host.hostname() + "\nid " + host.id()
                + (host.labels().isEmpty() ? "" : "\nlabels " + host.labels())));
    }

    Host host() {
        return host;
    }

    private static String roleText(Host host) {
        return host.role().label() + (host.leader() ? " ★" : "");
    }

    private static String stateText(Host host) {
        String text = host.state().label();
        if (host.availability() != Availability.ACTIVE) {
            text += ", " + host.availability().label();
        }
        return text;
    }

    static String memory(long bytes) {
        if (bytes <= 0) {
            return "? GiB";
        }
        double gib = bytes / (1024.0 * 1024 * 1024);
        return String.format(Locale.ROOT, gib >= 10 ? "%.0f GiB" : "%.1f GiB", gib);
    }

    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "—" : text;
    }
}
