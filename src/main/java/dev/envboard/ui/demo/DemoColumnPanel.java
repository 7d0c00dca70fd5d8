package dev.envboard.ui.demo;

import dev.envboard.demo.EntryPoint;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A demo's part of its environment column: who launched it for whom, the countdown, the entry
 * points with Copy and Open, and Extend / Keep / Tear down (Clean up when stuck). An expired demo
 * is highlighted with "Expired — tear down?"; nothing is ever removed without the user. The
 * column gets pseudo-classes (demo, demo-expired, demo-stuck…) for the stylesheet. Hidden while
 * the environment is no demo; its nodes are kept and updated in place.
 */
final class DemoColumnPanel extends VBox {
    private static final PseudoClass DEMO = PseudoClass.getPseudoClass("demo");

    private final String environment;
    private final DemoBoardModel model;
    private final Supplier<Window> window;
    private final Label who = Controls.styled("", "demo-who");
    private final Label template = Controls.styled("", "muted", "demo-template");
    private final Label countdown = Controls.styled("", "demo-countdown");
    private final Label state = Controls.styled("", "demo-state");
    private final VBox left = new VBox(2);
    private final HBox expiredOffer;
    private final VBox entryPoints = new VBox(2);
    private final MenuButton extend = new MenuButton("Extend", Icons.EXTEND.create());
    private final ToggleButton keep = new ToggleButton("Keep", Icons.KEEP.create());
    private final Button teardown = new Button("Tear down", Icons.DELETE.create());
    private final Button cleanup = new Button("Clean up", Icons.CLEAN_UP.create());
    private final HBox actions;
    private DemoColumnModel shown;
    private List<EntryPoint> shownEntryPoints;
    private boolean updating;

    DemoColumnPanel(String environment, DemoBoardModel model, Supplier<Window> window) {
        super(4);
        this.environment = environment;
        this.model = model;
        this.window = window;
        setId("demo-panel-" + environment);
        getStyleClass().add("demo-panel");
        who.setId("demo-who-" + environment);
        who.setGraphic(Icons.DEMO.create());
        countdown.setId("demo-countdown-" + environment);
        countdown.setGraphic(Icons.TIMER.create());
        state.setId("demo-state-" + environment);
        state.setWrapText(true);
        left.setId("demo-left-" + environment);
        left.getStyleClass().add("demo-left");
        entryPoints.setId("demo-entry-points-" + environment);
        entryPoints.getStyleClass().add("demo-entry-points");

        Button expiredTeardown = new Button("Tear down");
        expiredTeardown.setId("demo-expired-teardown-" + environment);
        expiredTeardown.getStyleClass().addAll("small", "danger");
        expiredTeardown.setOnAction(e -> confirmTeardown());
        expiredOffer = new HBox(6, Controls.styled("Expired — tear down?", "demo-expired-text"), Controls.hgrow(), expiredTeardown);
        expiredOffer.setAlignment(Pos.CENTER_LEFT);
        expiredOffer.getStyleClass().add("demo-expired-offer");
        expiredOffer.setId("demo-expired-" + environment);

        extend.setId("demo-extend-" + environment);
        extend.getItems().addAll(extendItem("+1 h", "1h", Duration.ofHours(1)), extendItem("+1 day", "1d", Duration.ofDays(1)),
                extendItem("+3 days", "3d", Duration.ofDays(3)));
        extend.setTooltip(Controls.tooltip("Move the expiry later (up to the template's maximum lifetime)"));
        keep.setId("demo-keep-" + environment);
        keep.setTooltip(Controls.tooltip("Keep: exempt from expiry (no expiry notifications, never offered as expired)"));
        keep.selectedProperty().addListener((obs, old, now) -> {
            if (!updating && shown != null && now != shown.kept()) {
                model.keep(environment, now);
            }
        });
        teardown.setId("demo-teardown-" + environment);
        teardown.getStyleClass().add("danger");
        teardown.setTooltip(Controls.tooltip("Remove the demo's stack, wait until it is gone, return its hosts to Unassigned"));
        teardown.setOnAction(e -> confirmTeardown());
        cleanup.setId("demo-cleanup-" + environment);
        cleanup.setTooltip(Controls.tooltip("Try the teardown again and report what is left, if anything"));
        cleanup.setOnAction(e -> confirmCleanup());
        for (javafx.scene.control.Control control : List.of(extend, keep, teardown, cleanup)) {
            control.getStyleClass().add("small");
            control.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        actions = new HBox(4);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("demo-actions");

        model.column(environment).addListener((obs, old, now) -> show(now));
        parentProperty().addListener((obs, old, now) -> {
            mark(old, null);
            mark(now, shown);
        });
        show(model.column(environment).get());
    }

    private MenuItem extendItem(String text, String id, Duration by) {
        MenuItem item = new MenuItem(text);
        item.setId("demo-extend-" + id + "-" + environment);
        item.setOnAction(e -> model.extend(environment, by));
        return item;
    }

    private void show(DemoColumnModel next) {
        shown = next;
        setVisible(next != null);
        setManaged(next != null);
        mark(getParent(), next);
        if (next == null) {
            return;
        }
        who.setText(next.who());
        who.setTooltip(Controls.tooltip("Demo " + next.environment() + " " + next.who() + ", template " + next.template()
                + (next.hosts().isEmpty() ? "" : ", on " + String.join(", ", next.hosts()))));
        template.setText("template " + next.template());
        countdown.setText(next.countdown());
        countdown.setTooltip(Controls.tooltip(next.expiresText()));
        for (DemoColumnModel.Status status : DemoColumnModel.Status.values()) {
            countdown.pseudoClassStateChanged(PseudoClass.getPseudoClass(status.styleClass()), status == next.status());
        }
        state.setText(next.stateText());
        state.setTooltip(next.detail().isEmpty() ? null : Controls.tooltip(next.detail()));
        left.getChildren().setAll(next.left().stream().map(thing -> {
            Label line = Controls.styled("• " + thing, "demo-left-line");
            line.setWrapText(true);
            return line;
        }).toList());
        if (!next.entryPoints().equals(shownEntryPoints)) {
            shownEntryPoints = next.entryPoints();
            entryPoints.getChildren().setAll(entryPointNodes(next.entryPoints()));
        }
        updating = true;
        try {
            keep.setSelected(next.kept());
        } finally {
            updating = false;
        }
        extend.setDisable(!next.canExtend() || next.kept());
        keep.setDisable(!next.canExtend());
        teardown.setDisable(!next.canTearDown());
        cleanup.setDisable(!next.canCleanUp());
        Controls.setChildren(actions.getChildren(), next.stuck() ? List.of(cleanup) : List.of(extend, keep, teardown));

        List<Node> rows = new ArrayList<>(List.of(who, template, countdown));
        if (!next.stateText().isEmpty()) {
            rows.add(state);
        }
        if (!next.left().isEmpty()) {
            rows.add(left);
        }
        if (next.expired()) {
            rows.add(expiredOffer);
        }
        if (!next.entryPoints().isEmpty()) {
            rows.add(entryPoints);
        }
        rows.add(actions);
        Controls.setChildren(getChildren(), rows);
    }

    /** Title, then the link with Copy and Open; an entry point not running says so. */
    private List<Node> entryPointNodes(List<EntryPoint> points) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            EntryPoint point = points.get(i);
            Label title = Controls.styled(point.title(), "demo-entry-title");
            nodes.add(title);
            if (point.url() == null) {
                nodes.add(Controls.styled("not running (" + point.target() + ")", "muted", "demo-entry-missing"));
                continue;
            }
            Hyperlink link = new Hyperlink(point.url());
            link.setId("demo-link-" + environment + "-" + i);
            link.getStyleClass().add("demo-link");
            link.setMinWidth(0);
            link.setMaxWidth(Double.MAX_VALUE);
            link.setTooltip(Controls.tooltip(point.title() + ": " + point.url() + (point.host() == null ? "" : " (on " + point.host() + ")")));
            link.setOnAction(e -> {
                model.open(point.url());
                link.setVisited(false);
            });
            HBox.setHgrow(link, Priority.ALWAYS);
            Button copy = Controls.iconButton(Icons.COPY, "Copy " + point.url());
            copy.setId("demo-copy-" + environment + "-" + i);
            copy.setOnAction(e -> model.copy(point.url()));
            Button open = Controls.iconButton(Icons.OPEN_LINK, "Open " + point.url() + " in the browser");
            open.setId("demo-open-" + environment + "-" + i);
            open.setOnAction(e -> model.open(point.url()));
            HBox row = new HBox(2, link, copy, open);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("demo-entry-row");
            nodes.add(row);
        }
        return nodes;
    }

    private void confirmTeardown() {
        if (shown == null) {
            return;
        }
        DemoColumnModel demo = shown;
        TeardownDialog.show(window.get(), demo, model.needsTypedName(environment), false, typed -> model.teardown(environment, typed));
    }

    /** A retry needs no confirmation, except the typed name of a protected environment. */
    private void confirmCleanup() {
        if (shown == null) {
            return;
        }
        if (model.needsTypedName(environment)) {
            TeardownDialog.show(window.get(), shown, true, true, typed -> model.cleanup(environment, typed));
        } else {
            model.cleanup(environment, null);
        }
    }

    /** The column this panel sits in shows the demo's state: highlighted when expired or stuck. */
    private static void mark(Parent column, DemoColumnModel demo) {
        if (column == null) {
            return;
        }
        column.pseudoClassStateChanged(DEMO, demo != null);
        for (DemoColumnModel.Status status : DemoColumnModel.Status.values()) {
            column.pseudoClassStateChanged(PseudoClass.getPseudoClass(status.styleClass()), demo != null && demo.status() == status);
        }
    }
}
