package dev.envboard.ui.shell;

import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolStatus;
import dev.envboard.ui.common.Controls;
import dev.envboard.ui.common.Icons;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;

/** The top bar: brand, pool selector, each pool's connection state, refresh and theme toggle. */
final class PoolBar extends HBox {
    private final HBox chips = new HBox(6);

    PoolBar(ShellViewModel model, Button themeToggle) {
        super(10);
        getStyleClass().add("pool-bar");

        Label brand = Controls.styled("Envboard", "brand");
        brand.setGraphic(Icons.BOARD.create());

        ComboBox<PoolItem> selector = new ComboBox<>(model.pools());
        selector.setId("pool-selector");
        selector.setAccessibleText("Pool");
        selector.valueProperty().bindBidirectional(model.selectedPoolProperty());
        selector.setCellFactory(list -> new PoolCell());
        selector.setButtonCell(new PoolCell());
        selector.setPromptText("No pool");

        chips.getStyleClass().add("pool-chips");
        model.pools().addListener((ListChangeListener<PoolItem>) change -> rebuildChips(model));
        rebuildChips(model);

        Button refresh = Controls.iconButton(Icons.REFRESH, "Refresh every pool now");
        refresh.setOnAction(e -> model.refresh());

        getChildren().addAll(brand, Controls.styled("Pool", "muted"), selector, chips, Controls.hgrow(),
                refresh, themeToggle);
    }

    private void rebuildChips(ShellViewModel model) {
        chips.getChildren().setAll(model.pools().stream().map(PoolBar::chip).toList());
    }

    /** One pool's connection state: a coloured dot, its name, and a badge when it is insecure. */
    private static Node chip(PoolItem item) {
        Label chip = new Label(item.name());
        chip.getStyleClass().add("pool-chip");
        chip.setId("pool-chip-" + item.name());
        Circle dot = new Circle(5);
        dot.getStyleClass().add("status-dot");
        chip.setGraphic(dot);
        HBox box = new HBox(4, chip);
        if (item.spec().isInsecure()) {
            Label badge = new Label(null, Icons.INSECURE.create());
            badge.getStyleClass().add("insecure-badge");
            badge.setTooltip(Controls.tooltip("Insecure: this pool talks to an engine over plain tcp, without TLS"));
            badge.setAccessibleText("insecure pool");
            box.getChildren().add(badge);
        }
        Runnable update = () -> {
            PoolSnapshot snapshot = item.snapshot();
            for (PoolStatus status : PoolStatus.values()) {
                dot.pseudoClassStateChanged(PseudoClass.getPseudoClass(status.label()), status == snapshot.status());
            }
            chip.setTooltip(Controls.tooltip(item.name() + ": " + snapshot.status().label() + "\n" + snapshot.message()
                    + "\n" + item.spec().source()));
            chip.setAccessibleText(item.name() + " " + snapshot.status().label());
        };
        item.snapshotProperty().addListener((obs, old, now) -> update.run());
        update.run();
        return box;
    }

    /** Pool selector cell: name, kind and a status dot that follows the pool's connection state. */
    private static final class PoolCell extends ListCell<PoolItem> {
        private final Circle dot = new Circle(4);
        private final ChangeListener<PoolSnapshot> onSnapshot = (obs, old, now) -> showStatus(now.status());
        private PoolItem shown;

        PoolCell() {
            dot.getStyleClass().add("status-dot");
        }

        @Override
        protected void updateItem(PoolItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.snapshotProperty().removeListener(onSnapshot);
                shown = null;
            }
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            shown = item;
            item.snapshotProperty().addListener(onSnapshot);
            setText(item.name() + "  ·  " + item.spec().kind().label());
            showStatus(item.status());
            setGraphic(dot);
        }

        private void showStatus(PoolStatus current) {
            for (PoolStatus status : PoolStatus.values()) {
                dot.pseudoClassStateChanged(PseudoClass.getPseudoClass(status.label()), status == current);
            }
        }
    }
}
