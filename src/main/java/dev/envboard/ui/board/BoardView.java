package dev.envboard.ui.board;

import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import dev.envboard.ui.common.NoticeBanner;
import dev.envboard.ui.deploys.DeploysView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The board: the selected pool's environments side by side. Drag cards (or press M) to move
 * hosts; every move is confirmed with its impact first. Arrow keys select, Ctrl+Z undoes.
 */
public final class BoardView extends VBox implements BoardActions, BoardAddOn.Board {
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEW_ENVIRONMENT = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final BoardViewModel model;
    private final DeploysView.ConfirmRedeploy confirmRedeploy;
    private final BoardAddOn addOn;
    private final HBox columns = new HBox(12);
    private final ScrollPane scroll = new ScrollPane(columns);
    /** One node per environment ("" for Unassigned), kept while shown and updated in place; cards live in its list's cells. */
    private final Map<String, EnvironmentColumn> columnNodes = new HashMap<>();
    private final SidewaysScroll sideways = new SidewaysScroll(scroll, columns);
    private final BoardSearchBar search;

    /** @param confirmRedeploy asks before a redeploy, then starts it */
    public BoardView(BoardViewModel model, AuditViewModel audit, DeploysView.ConfirmRedeploy confirmRedeploy) {
        this(model, audit, confirmRedeploy, BoardAddOn.NONE);
    }

    /** @param addOn adds toolbar controls and column panels of other features (demos) */
    public BoardView(BoardViewModel model, AuditViewModel audit, DeploysView.ConfirmRedeploy confirmRedeploy, BoardAddOn addOn) {
        this.model = model;
        this.confirmRedeploy = confirmRedeploy;
        this.addOn = addOn;
        this.search = new BoardSearchBar(model, this::nextMatch, this::requestFocus);
        setId("board");
        getStyleClass().add("board");
        setFocusTraversable(true);

        columns.getStyleClass().add("board-columns");
        scroll.setFitToHeight(true);
        scroll.setFocusTraversable(false);
        scroll.getStyleClass().add("board-scroll");

        AuditPanel auditPanel = new AuditPanel(audit);
        SplitPane split = new SplitPane(scroll);
        split.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);

        ToggleButton showAudit = new ToggleButton("Audit log", Icons.AUDIT.create());
        showAudit.setId("show-audit");
        showAudit.selectedProperty().addListener((obs, old, show) -> {
            if (show) {
                split.getItems().add(auditPanel);
                split.setDividerPositions(0.68);
            } else {
                split.getItems().remove(auditPanel);
            }
        });
        getChildren().addAll(toolbar(showAudit), new NoticeBanner(model.notices()), split);

        model.setHostKeyPrompt((hostname, unknown, answer) -> HostKeyDialog.show(getScene().getWindow(), hostname, unknown, answer));
        model.columns().addListener((ListChangeListener<EnvironmentColumnModel>) change -> render());
        render();
        model.layout().collapsed().addListener((javafx.collections.SetChangeListener<String>) change ->
                columnNodes.values().forEach(EnvironmentColumn::applyLayout));
        model.layout().compactProperty().addListener((obs, old, compact) ->
                columnNodes.values().forEach(EnvironmentColumn::refreshCards));
        // Capture phase: the scroll panes inside would otherwise take the arrow keys for scrolling.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F3) {
                nextMatch(e.isShiftDown() ? -1 : 1);
                e.consume();
                return;
            }
            if (e.getTarget() instanceof TextInputControl || e.isAltDown()) {
                return; // typing in the search field
            }
            if (e.isShortcutDown()) {
                switch (e.getCode()) {
                    case LEFT -> sideways.byColumns(-1);
                    case RIGHT -> sideways.byColumns(1);
                    default -> {
                        return;
                    }
                }
                e.consume();
                return;
            }
            switch (e.getCode()) {
                case LEFT -> moveSelection(-1, 0);
                case RIGHT -> moveSelection(1, 0);
                case UP -> moveSelection(0, -1);
                case DOWN -> moveSelection(0, 1);
                case HOME -> sideways.toStart();
                case END -> sideways.toEnd();
                case PAGE_UP -> sideways.byColumns(-1);
                case PAGE_DOWN -> sideways.byColumns(1);
                case M -> openMoveTo();
                case ESCAPE -> {
                    if (search.isEmpty()) {
                        model.clearSelection();
                    } else {
                        search.clear();
                    }
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
        // On release, after a column's ScrollPane has grabbed focus on press (it always does) and
        // before the click rebuilds that column and drops the focus with it.
        // Buttons and menus keep the focus they take (a menu closes when its button loses it).
        addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (!onInteractiveControl(e.getTarget())) {
                requestFocus();
            }
        });
        installAccelerators();
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> clearSpotlight());
        addOn.attach(this);
    }

    private boolean onInteractiveControl(Object target) {
        for (Node node = target instanceof Node n ? n : null; node != null && node != this; node = node.getParent()) {
            if (node instanceof ButtonBase || node instanceof ComboBoxBase<?> || node instanceof TextInputControl
                    || node instanceof TableView<?>) {
                return true;
            }
        }
        return false;
    }

    /** Ctrl+Z, Ctrl+N and Ctrl+F work wherever the focus is while the board is on screen. */
    private void installAccelerators() {
        Runnable undo = this::undo;
        Runnable create = this::createEnvironment;
        Runnable find = this::find;
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.getAccelerators().remove(UNDO, undo);
                old.getAccelerators().remove(NEW_ENVIRONMENT, create);
                old.getAccelerators().remove(FIND, find);
            }
            if (scene != null) {
                scene.getAccelerators().put(UNDO, undo);
                scene.getAccelerators().put(NEW_ENVIRONMENT, create);
                scene.getAccelerators().put(FIND, find);
            }
        });
    }

    // ---- search, scrolling, layout ---------------------------------------------------------

    private void find() {
        search.focus();
    }

    private ToggleButton densityToggle() {
        ToggleButton compact = new ToggleButton("Compact", Icons.COMPACT.create());
        compact.setId("compact-cards");
        compact.setTooltip(Controls.tooltip("One line per host (the card's tooltip has the rest)"));
        compact.setAccessibleText("Compact cards: one line per host");
        compact.selectedProperty().bindBidirectional(model.layout().compactProperty());
        return compact;
    }

    private void nextMatch(int step) {
        model.nextMatch(step).ifPresent(card -> revealCard(card.host().environment(), card.id()));
    }

    private void moveSelection(int columnStep, int rowStep) {
        model.moveSelection(columnStep, rowStep);
        model.selectedHosts().stream().findFirst().ifPresent(host -> revealCard(host.environment(), host.key().asText()));
    }

    /** Scrolls the board to the card's column and the column to the card. */
    private void revealCard(String environment, String cardId) {
        EnvironmentColumn column = columnNodes.get(environment == null ? "" : environment);
        if (column != null) {
            sideways.reveal(column);
            column.scrollTo(cardId);
        }
    }

    private ToolBar toolbar(ToggleButton showAudit) {
        Button create = new Button("New environment", Icons.ADD.create());
        create.setId("new-environment");
        create.setTooltip(Controls.tooltip("Add an empty environment column (Ctrl+N)"));
        create.setOnAction(e -> createEnvironment());
        Button moveTo = new Button("Move to…", Icons.MOVE.create());
        moveTo.setId("move-to");
        moveTo.setTooltip(Controls.tooltip("Move the selected hosts to another environment (M)"));
        moveTo.setOnAction(e -> openMoveTo());
        Button undo = new Button("Undo", Icons.UNDO.create());
        undo.setId("undo-move");
        undo.setTooltip(Controls.tooltip("Move the hosts of the last move back (Ctrl+Z)"));
        undo.disableProperty().bind(Bindings.createBooleanBinding(() -> model.lastMoveProperty().get().isEmpty(),
                model.lastMoveProperty()));
        undo.setOnAction(e -> undo());
        Label hint = Controls.styled("Drag hosts between environments · arrows select · M moves · Ctrl+Z undoes", "muted", "board-hint");
        hint.setId("board-hint");
        ToolBar bar = new ToolBar(create, moveTo, undo);
        bar.getItems().addAll(addOn.toolbarItems());
        bar.getItems().addAll(new Separator(Orientation.VERTICAL), search, densityToggle(), Controls.hgrow(), hint, showAudit);
        return bar;
    }

    /**
     * Columns keep their nodes across refreshes and are updated in place, so a click or a drag that
     * started on one never finds it replaced; nodes of what is gone are dropped. Cards live in the
     * columns' virtualised lists.
     */
    private void render() {
        if (model.columns().isEmpty()) {
            columnNodes.clear();
            columns.getChildren().setAll(Controls.styled("No hosts to show yet", "muted"));
            return;
        }
        Set<String> shownColumns = new HashSet<>();
        List<Node> shown = new ArrayList<>();
        for (EnvironmentColumnModel column : model.columns()) {
            String key = column.isUnassigned() ? "" : column.environment();
            if (!shownColumns.add(key)) {
                continue; // one node per environment, whatever the list holds
            }
            EnvironmentColumn node = columnNodes.get(key);
            if (node == null) {
                node = new EnvironmentColumn(column, model, this,
                        column.isUnassigned() ? null : addOn.columnPanel(column.environment()));
                columnNodes.put(key, node);
            } else {
                node.show(column);
                node.applyLayout(); // another pool's column of the same name may be collapsed
            }
            shown.add(node);
        }
        columnNodes.values().retainAll(shown);
        Controls.setChildren(columns.getChildren(), shown);
    }

    // ---- flows that end in a confirmation --------------------------------------------------

    @Override
    public boolean requestMove(List<Host> hosts, String to) {
        Optional<MoveProposal> proposal = model.proposeMove(hosts, to);
        proposal.ifPresent(this::confirm);
        return proposal.isPresent() && !proposal.get().isEmpty();
    }

    private void confirm(MoveProposal proposal) {
        MoveConfirmation.show(getScene().getWindow(), proposal, model::execute);
    }

    private void openMoveTo() {
        List<Host> hosts = model.selectedHosts();
        if (hosts.isEmpty()) {
            model.notices().add("Select one or more hosts first (click a card, Ctrl+click for more).");
            return;
        }
        List<String> choices = new ArrayList<>();
        choices.add("Unassigned");
        choices.addAll(model.environments());
        // Preselect somewhere the hosts are not yet, so Enter does something useful.
        String current = hosts.get(0).environment() == null ? "Unassigned" : hosts.get(0).environment();
        String preselected = choices.stream().filter(c -> !c.equals(current)).findFirst().orElse(choices.get(0));
        ChoiceDialog<String> dialog = new ChoiceDialog<>(preselected, choices);
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("Move to…");
        dialog.setHeaderText("Move " + hosts.stream().map(Host::hostname).collect(Collectors.joining(", ")) + " to:");
        dialog.showAndWait().ifPresent(choice -> requestMove(hosts, choice.equals("Unassigned") ? null : choice));
    }

    private void undo() {
        model.proposeUndo().ifPresent(this::confirm);
    }

    private void createEnvironment() {
        NameDialog.show(getScene().getWindow(), "New environment", "", name -> model.createEnvironment(name)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        model.notices().add(DockerErrors.describe(error));
                    } else {
                        reveal(name);
                    }
                }));
    }

    /** Scrolls the board so that an environment's column is in view (a new one is often off to the right). */
    private void reveal(String environment) {
        scroll.applyCss();
        scroll.layout(); // the new column must have its place before it can be found
        columns.getChildren().stream().filter(n -> ("column-" + environment).equals(n.getId())).findFirst().ifPresent(sideways::reveal);
    }

    // ---- spotlight: a column asked for by another feature (a clicked notification) ----------

    private static final javafx.css.PseudoClass SPOTLIGHT = javafx.css.PseudoClass.getPseudoClass("spotlight");

    @Override
    public void spotlight(String environment) {
        clearSpotlight();
        EnvironmentColumn column = columnNodes.get(environment);
        if (column != null) {
            column.pseudoClassStateChanged(SPOTLIGHT, true);
            reveal(environment);
        }
    }

    private void clearSpotlight() {
        columnNodes.values().forEach(c -> c.pseudoClassStateChanged(SPOTLIGHT, false));
    }

    @Override
    public javafx.stage.Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    @Override
    public void requestRename(String environment) {
        NameDialog.show(getScene().getWindow(), "Rename " + environment, environment, newName -> {
            if (newName.equals(environment)) {
                return;
            }
            model.proposeRename(environment, newName).whenComplete((proposal, error) -> {
                if (error != null) {
                    model.notices().add(DockerErrors.describe(error));
                } else {
                    proposal.ifPresentOrElse(this::confirm, () -> reveal(newName));
                }
            });
        });
    }

    @Override
    public void requestRedeploy(String environment) {
        confirmRedeploy.confirm(model.selectedPoolProperty().get().spec(), environment);
    }

    @Override
    public void toggleWatch(String environment) {
        model.toggleWatch(environment);
    }

    @Override
    public void requestRemove(String environment) {
        model.removeEnvironment(environment).whenComplete((done, error) -> {
            if (error != null) {
                model.notices().add(DockerErrors.describe(error));
            }
        });
    }
}
