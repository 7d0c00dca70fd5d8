package dev.envboard.ui.deploys;

import dev.envboard.deploy.PullProgress;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The PULL step per host and image: layers, bytes, a bar, and how it ended. Fits the half-wide run pane. */
final class PullTable extends TableView<PullProgress> {
    private static final double ROW = 26;
    private static final double HEADER = 44;
    private static final int ROWS_SHOWN = 6;

    PullTable() {
        setId("deploy-pulls");
        getStyleClass().add("deploy-pulls");
        setPlaceholder(new Label("No pulls"));
        setFixedCellSize(ROW);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("Host", 125, 100, PullProgress::host));
        TableColumn<PullProgress, String> image = column("Image", 138, 100, p -> PullText.shortImage(p.image()));
        image.setCellFactory(c -> new ImageCell());
        getColumns().add(image);
        getColumns().add(column("Layers · bytes", 130, 110, PullText::amount));
        TableColumn<PullProgress, PullProgress> state = new TableColumn<>("Progress");
        state.setPrefWidth(110);
        state.setMinWidth(100);
        state.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        state.setCellFactory(c -> new StateCell());
        getColumns().add(state);
    }

    /**
     * Shows the rows, tall enough for a few (at least two when the window is short) and hidden when
     * there are none (a recorded run, or nothing to pull).
     */
    void show(ObservableList<PullProgress> rows) {
        setItems(rows);
        visibleProperty().unbind();
        managedProperty().unbind();
        prefHeightProperty().unbind();
        visibleProperty().bind(Bindings.isNotEmpty(rows));
        managedProperty().bind(visibleProperty());
        prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> HEADER + ROW * Math.min(ROWS_SHOWN, Math.max(1, rows.size())), rows));
        minHeightProperty().unbind();
        minHeightProperty().bind(Bindings.createDoubleBinding(() -> HEADER + ROW * Math.min(2, Math.max(1, rows.size())), rows));
    }

    /** The short image, the whole reference in a tooltip. */
    private static final class ImageCell extends TableCell<PullProgress, String> {
        private final Tooltip tooltip = new Tooltip();

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            PullProgress p = empty ? null : rowItem(this);
            setText(p == null ? null : text);
            setTooltip(p == null ? null : tooltip);
            if (p != null) {
                tooltip.setText(p.image());
            }
        }
    }

    /** A bar while it pulls and once done; the state beside it (a failure's reason in full in a tooltip). */
    private static final class StateCell extends TableCell<PullProgress, PullProgress> {
        private final ProgressBar bar = new ProgressBar();
        private final Label state = new Label();
        private final HBox box = new HBox(6, bar, state);
        private final Tooltip tooltip = new Tooltip();

        StateCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setMinWidth(30);
            HBox.setHgrow(bar, Priority.ALWAYS);
            state.setMinWidth(Region.USE_PREF_SIZE);
            box.setAlignment(Pos.CENTER_LEFT);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(600);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(PullProgress p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String style = PullText.stateClass(p);
            boolean showBar = style.equals("pulling") || style.equals("done");
            bar.setVisible(showBar);
            bar.setManaged(showBar);
            bar.setProgress(PullText.fraction(p));
            state.setMinWidth(showBar ? Region.USE_PREF_SIZE : 0);
            state.setText(style.equals("pulling") ? PullText.percent(p) : PullText.state(p));
            for (String s : new String[] {"pulling", "done", "present", "failed"}) {
                state.pseudoClassStateChanged(PseudoClass.getPseudoClass(s), s.equals(style));
            }
            tooltip.setText(PullText.state(p));
            setTooltip(tooltip);
            setGraphic(box);
        }
    }

    private static PullProgress rowItem(TableCell<PullProgress, ?> cell) {
        int i = cell.getIndex();
        return i < 0 || i >= cell.getTableView().getItems().size() ? null : cell.getTableView().getItems().get(i);
    }

    private static TableColumn<PullProgress, String> column(String name, double width, double min, Function<PullProgress, String> value) {
        TableColumn<PullProgress, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(min);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
