package dev.envboard.ui.board;

import dev.envboard.pool.Availability;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostRole;
import dev.envboard.pool.HostState;
import dev.envboard.pool.HostWarning;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * A host on the board: name, role, state, address, engine, resources, running work; moving or
 * failed. One node per host for as long as the host is shown: {@link #show} updates it in place,
 * so a refresh never pulls a card from under a click or a drag.
 */
final class HostCard extends VBox {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass MOVING = PseudoClass.getPseudoClass("moving");
    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    static final PseudoClass COMPACT = PseudoClass.getPseudoClass("compact");
    static final PseudoClass MATCH = PseudoClass.getPseudoClass("match");
    static final PseudoClass CURRENT_MATCH = PseudoClass.getPseudoClass("current-match");
    static final PseudoClass DIMMED = PseudoClass.getPseudoClass("dimmed");

    private CardModel card;
    private boolean compact;
    private Tooltip tooltip;
    private Tooltip healthTip;

    HostCard(CardModel card) {
        this(card, false);
    }

    HostCard(CardModel card, boolean compact) {
        super(4);
        getStyleClass().add("host-card");
        show(card, compact);
    }

    /** Shows the card's current state; does nothing when it did not change. */
    void show(CardModel next) {
        show(next, compact);
    }

    /** @param compactCard one line: state, name, role and health (the tooltip has the rest) */
    void show(CardModel next, boolean compactCard) {
        if (next.equals(card) && compactCard == compact) {
            return;
        }
        card = next;
        compact = compactCard;
        Host host = card.host();
        getChildren().clear();
        setId("host-" + host.hostname());
        pseudoClassStateChanged(COMPACT, compact);
        pseudoClassStateChanged(MATCH, card.search() == CardModel.SearchMark.MATCH || card.search() == CardModel.SearchMark.CURRENT);
        pseudoClassStateChanged(CURRENT_MATCH, card.search() == CardModel.SearchMark.CURRENT);
        pseudoClassStateChanged(DIMMED, card.search() == CardModel.SearchMark.OTHER);
        for (HostState state : HostState.values()) {
            pseudoClassStateChanged(PseudoClass.getPseudoClass(state.label()), host.state() == state);
        }
        pseudoClassStateChanged(PseudoClass.getPseudoClass("drain"), host.availability() == Availability.DRAIN);
        pseudoClassStateChanged(SELECTED, card.selected());
        pseudoClassStateChanged(MOVING, card.isMoving());
        pseudoClassStateChanged(FAILED, card.error() != null);

        Circle state = new Circle(5);
        state.getStyleClass().add("state-dot");
        Label name = Controls.styled(host.displayName(), "host-name");
        name.setGraphic(state);
        name.setMinWidth(0);
        HBox header = new HBox(6, name, Controls.hgrow(), healthDot(host.hostname(), card.health()));
        header.getStyleClass().add("card-header");
        if (compact) {
            if (host.role() == HostRole.MANAGER) { // workers and standalone engines are the rule: only the exception is marked
                Label role = Controls.styled(roleText(host), "badge", "role-" + host.role().label());
                role.setMinWidth(Region.USE_PREF_SIZE);
                header.getChildren().add(2, role);
            }
            header.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(header);
            if (card.isMoving() || card.error() != null || host.error() != null || !host.warnings().isEmpty()) {
                String kind = card.isMoving() ? "moving" : card.error() != null || host.error() != null ? "error" : "warning";
                Label mark = Controls.styled("", "compact-mark", kind);
                mark.setGraphic((card.isMoving() ? Icons.MOVE : kind.equals("error") ? Icons.ERROR : Icons.WARNING).create());
                header.getChildren().add(header.getChildren().size() - 1, mark);
            }
            describe(host);
            return;
        }

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
        if (card.isMoving()) {
            ProgressIndicator spinner = new ProgressIndicator();
            spinner.setPrefSize(14, 14);
            Label moving = Controls.styled("Moving to " + (card.movingTo().isEmpty() ? "Unassigned" : card.movingTo()) + "…",
                    "card-moving");
            moving.setGraphic(spinner);
            getChildren().add(moving);
        }
        if (card.health().headline() != null) {
            Label problem = Controls.styled(card.health().headline(), "card-health", card.health().status().label());
            problem.setId("health-line-" + host.hostname());
            problem.setGraphic(Icons.HEALTH.create());
            getChildren().add(problem);
        }
        for (HostWarning warning : host.warnings()) {
            getChildren().add(warningLine(warning));
        }
        if (host.error() != null) {
            getChildren().add(errorLine(host.error()));
        }
        if (card.error() != null) {
            getChildren().add(errorLine("Move failed: " + card.error()));
        }
        describe(host);
    }

    /** Accessible text and the tooltip, which tell the whole story in either density. */
    private void describe(Host host) {
        setAccessibleText(host.displayName() + ", " + stateText(host) + ", " + roleText(host)
                + (card.health().configured() ? ", health " + card.health().status().label() : "")
                + (card.selected() ? ", selected" : "") + (card.isMoving() ? ", moving" : "")
                + (card.search() == CardModel.SearchMark.MATCH || card.search() == CardModel.SearchMark.CURRENT ? ", matches the search" : "")
                + (host.warnings().isEmpty() ? "" : ", warning: " + host.warnings().get(0).summary()));
        String text = host.hostname() + "\n" + host.key().entry()
                + (host.nodeId() == null ? "" : "\nnode " + host.nodeId())
                + (host.engineId() == null ? "" : "\nengine ID " + host.engineId())
                + (host.labels().isEmpty() ? "" : "\nlabels " + host.labels())
                + (compact ? "\n" + orDash(host.address()) + " · " + stateText(host) + " · Docker " + orDash(host.engineVersion())
                        + "\n" + host.cpus() + " CPU · " + memory(host.memoryBytes()) + " · " + host.running() + " running"
                        + (card.isMoving() ? "\nMoving to " + (card.movingTo().isEmpty() ? "Unassigned" : card.movingTo()) + "…" : "")
                        + (card.health().headline() == null ? "" : "\n" + card.health().headline())
                        + (host.error() == null ? "" : "\n" + host.error())
                        + (card.error() == null ? "" : "\nMove failed: " + card.error())
                        + host.warnings().stream().map(w -> "\n" + w.summary()).collect(java.util.stream.Collectors.joining()) : "")
                + "\nDrag to another environment, or press M to move";
        // One tooltip per node, its text updated: a Tooltip is a window with a scene, costly to make while scrolling.
        if (tooltip == null) {
            tooltip = Controls.tooltip(text);
            Tooltip.install(this, tooltip);
        } else {
            tooltip.setText(text);
        }
    }

    /** Filled in the status colour when Consul reports on the host; an empty ring when it cannot tell. */
    private Label healthDot(String hostname, HostHealth health) {
        Circle dot = new Circle(5);
        dot.getStyleClass().addAll("health-dot", health.configured() ? health.status().label() : "not-configured");
        Label holder = new Label(null, dot);
        holder.setId("health-" + hostname);
        holder.getStyleClass().add("health-holder");
        holder.setMinWidth(Region.USE_PREF_SIZE);
        holder.setAccessibleText("health " + health.status().label());
        if (healthTip == null) {
            healthTip = Controls.tooltip(health.detail());
        } else {
            healthTip.setText(health.detail());
        }
        holder.setTooltip(healthTip);
        return holder;
    }

    CardModel card() {
        return card;
    }

    /** At most three lines on the card (the banner and the tooltip have the whole story). */
    private static Label errorLine(String text) {
        Label error = Controls.styled(text, "card-error");
        error.setWrapText(true);
        error.setMaxHeight(48);
        error.setGraphic(Icons.ERROR.create());
        error.setTooltip(Controls.tooltip(text));
        return error;
    }

    /** The short form on the card; the tooltip says how to fix it. */
    private static Label warningLine(HostWarning warning) {
        Label line = Controls.styled(warning.summary(), "card-warning");
        line.setGraphic(Icons.WARNING.create());
        line.setTooltip(Controls.tooltip(warning.message()));
        return line;
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
