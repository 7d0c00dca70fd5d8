package dev.envboard.ui.health;

import dev.envboard.health.ConsulState;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthStatus;
import dev.envboard.health.ServiceInstance;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.health.HealthRow.Kind;
import dev.envboard.ui.health.HealthTree.Branch;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * Consul's services, their instances and checks for the selected pool, with the node, host and
 * environment Envboard places them on. Filters: critical only, environment, text (Ctrl+F); the
 * pane below shows the selected check's whole output.
 */
public final class HealthView extends VBox {
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String ALL = "All environments";

    private final PoolHealthModel model;
    private final Supplier<List<String>> boardEnvironments;
    private final TreeTableView<HealthRow> tree = new TreeTableView<>();
    private final TextArea detail = new TextArea();
    private final Label state = Controls.styled("", "health-state");
    private final Label count = Controls.styled("", "muted");
    private final TextField text = new TextField();
    private final ToggleButton criticalOnly = new ToggleButton("Critical only");
    private final ComboBox<String> environment = new ComboBox<>();
    /** Rows the user opened or closed, by key; others follow the default (open unless passing). */
    private final Map<String, Boolean> expanded = new HashMap<>();

    /** @param boardEnvironments the pool's environments, offered in the filter even without services */
    public HealthView(PoolHealthModel model, Supplier<List<String>> boardEnvironments) {
        this.model = model;
        this.boardEnvironments = boardEnvironments;
        setId("health");
        getStyleClass().add("health-view");

        text.setId("health-filter");
        text.setPromptText("Filter (Ctrl+F)");
        text.setPrefWidth(190);
        criticalOnly.setId("health-critical-only");
        environment.setId("health-environment");
        environment.setPrefWidth(180);
        environment.getItems().add(ALL);
        environment.setValue(ALL);
        environment.setOnShowing(e -> refreshEnvironments());
        count.setId("health-count");
        ToolBar toolbar = new ToolBar(text, criticalOnly, environment, Controls.hgrow(), count);

        state.setId("health-state");
        state.setMaxWidth(Double.MAX_VALUE);
        state.setMinHeight(Region.USE_PREF_SIZE);
        state.setWrapText(true);

        tree.setId("health-tree");
        tree.setShowRoot(false);
        tree.setRoot(new TreeItem<>());
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.getColumns().add(nameColumn());
        tree.getColumns().add(column("Status", 95, r -> r.status().label()));
        tree.getColumns().add(column("Node", 150, HealthRow::node));
        tree.getColumns().add(column("Host", 150, HealthRow::host));
        tree.getColumns().add(column("Environment", 135, HealthRow::environment));
        tree.getColumns().add(column("Output", 300, HealthRow::output));
        tree.setPlaceholder(Controls.styled("", "muted"));
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                detail.setText(now == null || now.getValue() == null ? "" : now.getValue().detail()));

        detail.setId("health-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("health-detail");
        detail.setPromptText("Select a check to read its whole output");

        SplitPane split = new SplitPane(tree, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.7);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(toolbar, state, split);

        model.snapshotProperty().addListener((obs, old, now) -> render());
        text.textProperty().addListener((obs, old, now) -> render());
        criticalOnly.selectedProperty().addListener((obs, old, now) -> render());
        environment.valueProperty().addListener((obs, old, now) -> render());
        setOnKeyPressed(e -> {
            if (FIND.match(e)) {
                text.requestFocus();
                e.consume();
            }
        });
        render();
    }

    /** Shows one environment's services (null: all), e.g. from a notification about its health. */
    public void showEnvironment(String name) {
        if (name != null && !environment.getItems().contains(name)) {
            environment.getItems().add(name);
        }
        environment.setValue(name == null ? ALL : name);
    }

    private void render() {
        HealthSnapshot snapshot = model.snapshotProperty().get();
        showState(snapshot);
        if (snapshot == null) {
            tree.getRoot().getChildren().clear();
            ((Label) tree.getPlaceholder()).setText("This pool names no Consul. Add a consul: block (address, datacenter, "
                    + "token-env or token-file) to the pool in pools.yaml to see its services here.");
            count.setText("");
            return;
        }
        ((Label) tree.getPlaceholder()).setText(snapshot.instances().isEmpty() && snapshot.nodes().isEmpty()
                ? (snapshot.isCurrent() ? "Consul has no services or nodes" : "Waiting for Consul…")
                : "Nothing matches the filters");
        String env = ALL.equals(environment.getValue()) ? null : environment.getValue();
        List<Branch> branches = HealthTree.build(snapshot, new HealthFilter(criticalOnly.isSelected(), env, text.getText()));
        String selected = tree.getSelectionModel().getSelectedItem() == null || tree.getSelectionModel().getSelectedItem().getValue() == null
                ? null : tree.getSelectionModel().getSelectedItem().getValue().key();
        TreeItem<HealthRow> root = new TreeItem<>();
        branches.forEach(b -> root.getChildren().add(item(b)));
        tree.setRoot(root);
        if (selected != null) {
            select(root, selected);
        }
        long shown = branches.stream().filter(b -> b.row().kind() == Kind.SERVICE).mapToLong(b -> b.children().size()).sum();
        count.setText(shown + " of " + snapshot.instances().size() + " instances");
    }

    private void showState(HealthSnapshot snapshot) {
        for (ConsulState s : ConsulState.values()) {
            state.pseudoClassStateChanged(PseudoClass.getPseudoClass(s.label()), snapshot != null && snapshot.state() == s);
        }
        state.pseudoClassStateChanged(PseudoClass.getPseudoClass("partial"), snapshot != null && snapshot.partial());
        if (snapshot == null) {
            state.setText("No Consul configured for this pool");
            return;
        }
        String head = switch (snapshot.state()) {
            case OK -> "Consul answers · updated " + TIME.format(snapshot.updated());
            case CONNECTING -> "Connecting to Consul…";
            case UNREACHABLE -> "Consul unreachable: every status below is unknown, not healthy";
            case UNAUTHORIZED -> "Consul refused the token (unauthorized): every status below is unknown";
        };
        String partial = snapshot.partial() ? "  ·  partial: Consul's ACLs hid part of the answer" : "";
        state.setText(head + partial + (snapshot.message().isEmpty() ? "" : "\n" + snapshot.message()));
    }

    private TreeItem<HealthRow> item(Branch branch) {
        TreeItem<HealthRow> item = new TreeItem<>(branch.row());
        branch.children().forEach(child -> item.getChildren().add(item(child)));
        String key = branch.row().key();
        boolean open = expanded.getOrDefault(key, branch.row().kind() == Kind.SERVICE || branch.row().kind() == Kind.NODES
                || branch.row().status() != HealthStatus.PASSING);
        item.setExpanded(open && !item.getChildren().isEmpty());
        item.expandedProperty().addListener((obs, old, now) -> expanded.put(key, now));
        return item;
    }

    private boolean select(TreeItem<HealthRow> parent, String key) {
        for (TreeItem<HealthRow> child : parent.getChildren()) {
            if (key.equals(child.getValue().key())) {
                tree.getSelectionModel().select(child);
                return true;
            }
            if (select(child, key)) {
                return true;
            }
        }
        return false;
    }

    private void refreshEnvironments() {
        TreeSet<String> names = new TreeSet<>(boardEnvironments.get());
        HealthSnapshot snapshot = model.snapshotProperty().get();
        if (snapshot != null) {
            snapshot.instances().stream().map(ServiceInstance::environment).filter(Objects::nonNull).forEach(names::add);
        }
        String chosen = environment.getValue();
        environment.getItems().setAll(ALL);
        environment.getItems().addAll(names);
        environment.setValue(chosen);
    }

    private TreeTableColumn<HealthRow, String> nameColumn() {
        TreeTableColumn<HealthRow, String> name = column("Service / instance / check", 260, HealthRow::name);
        name.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                HealthRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Circle dot = new Circle(4.5);
                dot.getStyleClass().addAll("health-dot", row.status().label());
                setText(value);
                setGraphic(dot);
                setId(row.kind() == Kind.CHECK ? null : "health-row-" + row.key().replaceAll("[^A-Za-z0-9_-]", "_"));
            }
        });
        return name;
    }

    private static TreeTableColumn<HealthRow, String> column(String title, double width, Function<HealthRow, String> value) {
        TreeTableColumn<HealthRow, String> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue() == null ? "" : value.apply(c.getValue().getValue())));
        return column;
    }

    /** Environments offered by the filter, for tests: the board's and those of Consul's instances. */
    List<String> environmentChoices() {
        refreshEnvironments();
        return List.copyOf(environment.getItems());
    }
}
