package dev.envboard.ui.deploys;

import dev.envboard.deploy.PullProgress;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The PULL step per host and image: layers, bytes, a bar, and how it ended. */
final class PullTable extends TableView<PullProgress> {
    private static final double ROW = 26;
    private static final int ROWS_SHOWN = 6;

    PullTable() {
        setId("deploy-pulls");
        getStyleClass().add("deploy-pulls");
        setPlaceholder(new Label("No pulls"));
        setFixedCellSize(ROW);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("Host", 120, PullProgress::host));
        TableColumn<PullProgress, String> image = column("Image", 170, p -> PullText.shortImage(p.image()));
        image.setCellFactory(c -> new TooltipCell(PullProgress::image));
        getColumns().add(image);
        getColumns().add(column("Layers", 60, PullText::layers));
        getColumns().add(column("Downloaded", 130, PullText::bytes));
        TableColumn<PullProgress, PullProgress> bar = new TableColumn<>("Progress");
        bar.setPrefWidth(110);
        bar.setMinWidth(80);
        bar.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        bar.setCellFactory(c -> new BarCell());
        getColumns().add(bar);
        TableColumn<PullProgress, String> state = column("State", 110, PullText::state);
        state.setCellFactory(c -> new TooltipCell(PullText::state));
        getColumns().add(state);
    }

    /** Shows the rows, tall enough for a few and hidden when there are none (a recorded run, or nothing to pull). */
    void show(ObservableList<PullProgress> rows) {
        setItems(rows);
        visibleProperty().unbind();
        managedProperty().unbind();
        prefHeightProperty().unbind();
        visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(rows));
        managedProperty().bind(visibleProperty());
        prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> ROW * Math.min(ROWS_SHOWN, Math.max(1, rows.size())) + ROW + 4, rows));
        setMinHeight(USE_PREF_SIZE);
    }

    private static final class BarCell extends TableCell<PullProgress, PullProgress> {
        private final ProgressBar bar = new ProgressBar();

        BarCell() {
            bar.setMaxWidth(Double.MAX_VALUE);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(PullProgress p, boolean empty) {
            super.updateItem(p, empty);
            setGraphic(empty || p == null ? null : bar);
            if (p != null && !empty) {
                bar.setProgress(PullText.fraction(p));
                bar.pseudoClassStateChanged(PseudoClass.getPseudoClass("failed"), p.error() != null);
            }
        }
    }

    private static final class TooltipCell extends TableCell<PullProgress, String> {
        private final Function<PullProgress, String> full;
        private final Tooltip tooltip = new Tooltip();

        TooltipCell(Function<PullProgress, String> full) {
            this.full = full;
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(600);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            PullProgress p = empty || getIndex() < 0 || getIndex() >= getTableView().getItems().size()
                    ? null : getTableView().getItems().get(getIndex());
            setText(empty ? null : text);
            setTooltip(p == null ? null : tooltip);
            if (p != null) {
                tooltip.setText(full.apply(p));
            }
            for (String state : new String[] {"failed", "done", "present"}) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(state), p != null && state.equals(PullText.stateClass(p)));
            }
        }
    }

    private static TableColumn<PullProgress, String> column(String name, double width, Function<PullProgress, String> value) {
        TableColumn<PullProgress, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 60));
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
