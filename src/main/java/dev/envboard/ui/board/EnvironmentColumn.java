package dev.envboard.ui.board;

import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.deploys.DeployBadge;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One environment column: header with counts and actions, host cards, and a drop target for
 * moves. One node per environment for as long as it is shown: {@link #show} updates it in place,
 * and its cards are the board's long-lived card nodes, so a refresh never pulls a node from under
 * a click or a drag.
 */
final class EnvironmentColumn extends VBox {
    /** Drag payload: the dragged hosts' ids, one a line. */
    static final DataFormat HOST_IDS = new DataFormat("application/x-envboard-host-ids");
    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final BoardActions actions;
    private final Function<CardModel, HostCard> cardNodes;
    private final VBox header = new VBox(2);
    private final VBox cards = new VBox(8);
    // Header nodes are kept across updates, like the cards: a click must not land on a node being replaced.
    private final Label title = Controls.styled("", "column-title");
    private final Label count = Controls.styled("", "badge", "count-badge");
    private final Label stats = Controls.styled("", "muted", "column-stats");
    private final Node spacer = Controls.hgrow();
    private final HBox titleRow = new HBox(6, title, count, spacer);
    private final Label badge = Controls.styled("", "deploy-badge");
    private final Label updates = Controls.styled("", "badge", "update-badge");
    private final Label lock = Controls.styled("", "protected-lock");
    private MenuButton menu;
    private final Button redeploy = new Button("Redeploy", Icons.DEPLOYS.create());
    private ToggleButton watch;
    private final MenuItem remove = new MenuItem("Remove");
    private final HBox captionRow;
    private HBox healthRow;
    private EnvironmentColumnModel model;

    /** @param cardNodes the node of a card, kept by the board across refreshes and updated to the card given */
    EnvironmentColumn(EnvironmentColumnModel model, BoardViewModel board, BoardActions actions,
                      Function<CardModel, HostCard> cardNodes) {
        this(model, board, actions, cardNodes, null);
    }

    /** @param panel another feature's node under the header (a demo's), or null */
    EnvironmentColumn(EnvironmentColumnModel model, BoardViewModel board, BoardActions actions,
                      Function<CardModel, HostCard> cardNodes, Node panel) {
        this.actions = actions;
        this.cardNodes = cardNodes;
        getStyleClass().add("env-column");
        if (model.isUnassigned()) {
            getStyleClass().add("unassigned");
        }
        setId("column-" + (model.isUnassigned() ? "unassigned" : model.environment()));
        header.getStyleClass().add("column-header");
        cards.getStyleClass().add("column-cards");
        titleRow.getStyleClass().add("column-title-row");
        if (!model.isUnassigned()) {
            watch = watchToggle(model.environment());
            menu = menu(model.environment());
            titleRow.getChildren().addAll(watch, menu);
        }
        updates.setId("update-badge-" + model.environment());
        lock.setId("protected-" + model.environment());
        lock.setGraphic(Icons.LOCK.create());
        String guarded = "Protected: a redeploy, a teardown or moving a host out of " + model.environment()
                + " asks you to type its name first (pools.yaml protected:)";
        lock.setTooltip(Controls.tooltip(guarded));
        lock.setAccessibleText(model.environment() + " is protected. " + guarded);
        redeploy.setId("redeploy-" + model.environment());
        redeploy.getStyleClass().addAll("small", "redeploy-button");
        redeploy.setTooltip(Controls.tooltip("Remove all of " + model.environment() + " and deploy it fresh from its stack"));
        redeploy.setOnAction(e -> actions.requestRedeploy(this.model.environment()));
        badge.setId("deploy-badge-" + model.environment());
        // Unassigned gets a caption of the same height, so that cards line up across columns.
        captionRow = model.isUnassigned() ? freeHostsRow() : deployRow();
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setFocusTraversable(false);
        scroll.getStyleClass().add("column-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().add(header);
        if (panel != null) {
            getChildren().add(panel);
        }
        getChildren().add(scroll);
        acceptDrops(board);
        show(model);
    }

    /** Shows the column's current state in place; does nothing when it did not change. */
    void show(EnvironmentColumnModel next) {
        if (next.equals(model)) {
            return;
        }
        EnvironmentColumnModel before = model;
        model = next;
        title.setText(model.title());
        if (model.protectedEnvironment() != getStyleClass().contains("protected")) {
            if (model.protectedEnvironment()) {
                getStyleClass().add("protected");
            } else {
                getStyleClass().remove("protected");
            }
        }
        count.setText(String.valueOf(model.cards().size()));
        count.setTooltip(Controls.tooltip(model.cards().size() + " hosts"));
        remove.setDisable(!model.cards().isEmpty());
        stats.setText(model.running() + " running  ·  " + model.summary());
        if (before == null || !Objects.equals(before.health(), model.health())) {
            healthRow = model.health() == null ? null : ColumnHealthRow.of(model.environment(), model.health());
        }
        if (!model.isUnassigned()) {
            showDeploy(model.deploy());
            showWatched(model.watched());
        }
        showUpdates(model.updates());
        List<Node> headerNodes = new ArrayList<>(List.of(titleRow, stats));
        if (healthRow != null) {
            headerNodes.add(healthRow);
        }
        headerNodes.add(captionRow);
        Controls.setChildren(header.getChildren(), headerNodes);

        if (model.cards().isEmpty()) {
            if (before == null || !before.cards().isEmpty()) {
                cards.getChildren().setAll(Controls.styled(model.isUnassigned() ? "Every host has an environment" : "No hosts: drop one here",
                        "muted", "column-empty"));
            }
        } else {
            Controls.setChildren(cards.getChildren(), model.cards().stream().map(cardNodes).toList());
        }
    }

    /** The environment's last deploy (or the one running) and the button that starts a redeploy. */
    private HBox deployRow() {
        HBox row = new HBox(6, badge, Controls.hgrow(), redeploy);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.getStyleClass().add("deploy-row");
        return row;
    }

    private void showDeploy(DeployBadge deploy) {
        badge.setText(badgeText(deploy));
        for (DeployBadge.State state : DeployBadge.State.values()) {
            badge.pseudoClassStateChanged(PseudoClass.getPseudoClass(state.name().toLowerCase()), state == deploy.state());
        }
        badge.setTooltip(deploy.detail() == null ? null : Controls.tooltip(deploy.detail()));
        redeploy.setDisable(deploy.state() == DeployBadge.State.RUNNING);
    }

    /** A badge in the title row (no extra row: cards stay lined up across columns); the stats say what the check cost. */
    private void showUpdates(ColumnUpdates next) {
        boolean badgeShown = next != null && next.state() != ColumnUpdates.State.UP_TO_DATE;
        if (badgeShown) {
            updates.setText(next.text());
            updates.setAccessibleText(next.detail());
            updates.setTooltip(Controls.tooltip(next.detail()));
            for (ColumnUpdates.State state : ColumnUpdates.State.values()) {
                updates.pseudoClassStateChanged(PseudoClass.getPseudoClass(state.name().toLowerCase().replace('_', '-')),
                        state == next.state());
            }
        }
        stats.setTooltip(next == null ? null : Controls.tooltip(next.detail()));
        List<Node> row = new ArrayList<>(List.of(title));
        if (model.protectedEnvironment()) {
            row.add(lock);
        }
        row.add(count);
        if (badgeShown) {
            row.add(updates);
        }
        row.add(spacer);
        if (watch != null) {
            row.add(watch);
        }
        if (menu != null) {
            row.add(menu);
        }
        Controls.setChildren(titleRow.getChildren(), row);
    }

    private static HBox freeHostsRow() {
        HBox row = new HBox(Controls.styled("free hosts: drag them into an environment", "muted", "deploy-badge"));
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.getStyleClass().add("deploy-row");
        return row;
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(java.time.ZoneId.systemDefault());

    static String badgeText(DeployBadge deploy) {
        return switch (deploy.state()) {
            case NONE -> "never deployed";
            case RUNNING -> "deploying…";
            default -> deploy.state().name().toLowerCase() + " " + TIME.format(deploy.at());
        };
    }

    /** A star: watched environments get desktop notifications of their deploys and their health. */
    private ToggleButton watchToggle(String environment) {
        ToggleButton star = new ToggleButton(null, Icons.NOT_WATCHED.create());
        star.setId("watch-" + environment);
        star.getStyleClass().addAll("flat", "icon-button", "watch-toggle");
        star.setOnAction(e -> actions.toggleWatch(model.environment()));
        return star;
    }

    private void showWatched(boolean watched) {
        String environment = model.environment();
        String text = watched ? "Watching " + environment + ": its deploys and health are notified (click to stop)"
                : "Watch " + environment + ": notify when a deploy of it starts, succeeds or fails, and when its health turns critical or recovers";
        watch.setSelected(watched);
        watch.setGraphic((watched ? Icons.WATCHED : Icons.NOT_WATCHED).create());
        watch.setTooltip(Controls.tooltip(text));
        watch.setAccessibleText(text);
        watch.pseudoClassStateChanged(PseudoClass.getPseudoClass("watched"), watched);
    }

    /** The actions read the environment shown when they run: a rename keeps the node until the column goes. */
    private MenuButton menu(String environment) {
        MenuItem rename = new MenuItem("Rename…");
        rename.setId("rename-" + environment);
        rename.setOnAction(e -> actions.requestRename(model.environment()));
        remove.setId("remove-" + environment);
        remove.setOnAction(e -> actions.requestRemove(model.environment()));
        MenuButton menu = new MenuButton(null, Icons.MORE.create(), rename, remove);
        menu.setId("menu-" + environment);
        menu.getStyleClass().addAll("flat", "column-menu");
        menu.setTooltip(Controls.tooltip("Environment actions"));
        menu.setAccessibleText("Actions for " + environment);
        return menu;
    }

    /** Click selects (Ctrl/Shift+click adds), drag starts a move of the card or the selection. */
    static HostCard interactive(HostCard card, BoardViewModel board) {
        card.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                board.select(card.card().id(), e.isShortcutDown() || e.isShiftDown());
            }
        });
        card.setOnDragDetected(e -> {
            if (card.card().isMoving()) {
                return;
            }
            Dragboard drag = card.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            List<String> ids = board.dragged(card.card().id()).stream().map(h -> h.key().asText()).toList();
            content.put(HOST_IDS, String.join("\n", ids));
            drag.setContent(content);
            drag.setDragView(card.snapshot(null, null));
            e.consume();
        });
        return card;
    }

    /** The column's model is read when the drop happens: it is the one shown then. */
    private void acceptDrops(BoardViewModel board) {
        setOnDragOver(e -> {
            if (e.getDragboard().hasContent(HOST_IDS) && comesFromElsewhere(e.getDragboard(), model)) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        setOnDragEntered(e -> {
            if (e.getDragboard().hasContent(HOST_IDS) && comesFromElsewhere(e.getDragboard(), model)) {
                pseudoClassStateChanged(DROP_TARGET, true);
            }
        });
        setOnDragExited(e -> pseudoClassStateChanged(DROP_TARGET, false));
        setOnDragDropped(e -> {
            pseudoClassStateChanged(DROP_TARGET, false);
            String ids = (String) e.getDragboard().getContent(HOST_IDS);
            var hosts = ids.lines().map(board::host).flatMap(java.util.Optional::stream).toList();
            e.setDropCompleted(!hosts.isEmpty() && actions.requestMove(hosts, model.environment()));
            e.consume();
        });
    }

    private static boolean comesFromElsewhere(Dragboard drag, EnvironmentColumnModel model) {
        String ids = (String) drag.getContent(HOST_IDS);
        return ids != null && ids.lines().anyMatch(id -> model.cards().stream().noneMatch(c -> c.id().equals(id)));
    }
}
