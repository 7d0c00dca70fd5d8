package dev.envboard.ui.board;

import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.deploys.DeployBadge;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ListView;
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
 * moves; collapsed, a narrow strip with its name and count (still a drop target). One node per
 * environment for as long as it is shown: {@link #show} updates it in place. Its cards are a
 * virtualised list whose cells ({@link HostCell}) act on the card they show when the click or the
 * drag happens, so a refresh never acts on a card from under the pointer.
 */
final class EnvironmentColumn extends VBox {
    /** Drag payload: the dragged hosts' ids, one a line. */
    static final DataFormat HOST_IDS = new DataFormat("application/x-envboard-host-ids");
    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    private static final PseudoClass COLLAPSED = PseudoClass.getPseudoClass("collapsed");

    private final BoardActions actions;
    private final BoardViewModel board;
    private final Node panel;
    private final VBox header = new VBox(2);
    /** Virtualised: only the cards in view have nodes, so a column of hundreds of hosts scrolls smoothly. */
    private final ListView<CardModel> cards;
    private final Label placeholder = Controls.styled("", "muted", "column-empty");
    private final Button collapse = new Button(null, Icons.COLLAPSE.create());
    private final Button expand = new Button(null, Icons.EXPAND.create());
    private final Label stripTitle = Controls.styled("", "column-strip-title");
    private final Label stripCount = Controls.styled("", "badge", "count-badge");
    private final VBox strip;
    private boolean collapsed;
    // Header nodes are kept across updates: a click must not land on a node being replaced.
    private final Label title = Controls.styled("", "column-title");
    private final Label count = Controls.styled("", "badge", "count-badge");
    private final javafx.scene.control.Tooltip countTip = Controls.tooltip("");
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

    EnvironmentColumn(EnvironmentColumnModel model, BoardViewModel board, BoardActions actions) {
        this(model, board, actions, null);
    }

    /** @param panel another feature's node under the header (a demo's), or null */
    EnvironmentColumn(EnvironmentColumnModel model, BoardViewModel board, BoardActions actions, Node panel) {
        this.actions = actions;
        this.board = board;
        this.panel = panel;
        cards = new ListView<>();
        cards.setCellFactory(list -> new HostCell(board, board.layout().compactProperty()));
        getStyleClass().add("env-column");
        if (model.isUnassigned()) {
            getStyleClass().add("unassigned");
        }
        setId("column-" + (model.isUnassigned() ? "unassigned" : model.environment()));
        header.getStyleClass().add("column-header");
        cards.getStyleClass().add("column-cards");
        titleRow.getStyleClass().add("column-title-row");
        count.setTooltip(countTip);
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
        cards.setId("cards-" + key(model));
        cards.setFocusTraversable(false);
        cards.setPlaceholder(placeholder);
        cards.setAccessibleText("Hosts of " + model.title());
        VBox.setVgrow(cards, Priority.ALWAYS);
        String title = model.title();
        collapse.setId("collapse-" + key(model));
        collapse.getStyleClass().addAll("flat", "icon-button", "column-collapse");
        collapse.setTooltip(Controls.tooltip("Collapse " + title + " to a narrow strip"));
        collapse.setAccessibleText("Collapse " + title);
        collapse.setOnAction(e -> board.setCollapsed(this.model.environment(), true));
        expand.setId("expand-" + key(model));
        expand.getStyleClass().addAll("flat", "icon-button", "column-collapse");
        expand.setTooltip(Controls.tooltip("Expand " + title));
        expand.setAccessibleText("Expand " + title);
        expand.setOnAction(e -> board.setCollapsed(this.model.environment(), false));
        stripTitle.setId("strip-title-" + key(model));
        stripTitle.setRotate(90);
        stripCount.setId("strip-count-" + key(model));
        strip = new VBox(8, expand, stripCount, new javafx.scene.Group(stripTitle));
        strip.getStyleClass().add("column-strip");
        strip.setAlignment(javafx.geometry.Pos.TOP_CENTER);
        strip.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                board.setCollapsed(this.model.environment(), false);
            }
        });
        acceptDrops(board);
        show(model);
        applyLayout();
    }

    /** "unassigned" or the environment: the suffix of this column's node ids. */
    private static String key(EnvironmentColumnModel model) {
        return model.isUnassigned() ? "unassigned" : model.environment();
    }

    /** Follows the board's layout: collapsed to a strip, or header, panel and cards. */
    void applyLayout() {
        boolean now = board.isCollapsed(model.environment());
        if (now == collapsed && !getChildren().isEmpty()) {
            return;
        }
        collapsed = now;
        pseudoClassStateChanged(COLLAPSED, collapsed);
        List<Node> children = new ArrayList<>();
        if (collapsed) {
            children.add(strip);
        } else {
            children.add(header);
            if (panel != null) {
                children.add(panel);
            }
            children.add(cards);
        }
        getChildren().setAll(children);
    }

    boolean isCollapsed() {
        return collapsed;
    }

    /** Cards are drawn again (the density changed). */
    void refreshCards() {
        cards.refresh();
    }

    /** Scrolls the card list so that this card shows; false when it is not in this column. */
    boolean scrollTo(String cardId) {
        List<CardModel> shown = cards.getItems();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).id().equals(cardId)) {
                int index = i;
                cards.scrollTo(Math.max(0, index - 1));
                return true;
            }
        }
        return false;
    }

    EnvironmentColumnModel model() {
        return model;
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
        stripCount.setText(String.valueOf(model.cards().size()));
        stripTitle.setText(model.title());
        strip.setAccessibleText(model.title() + ", collapsed, " + model.cards().size() + " hosts");
        countTip.setText(model.cards().size() + " hosts");
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

        placeholder.setText(model.isUnassigned() ? "Every host has an environment" : "No hosts: drop one here");
        if (before == null || !before.cards().equals(model.cards())) {
            cards.getItems().setAll(model.cards());
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
        row.add(collapse);
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
