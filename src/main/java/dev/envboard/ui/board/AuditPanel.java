package dev.envboard.ui.board;

import dev.envboard.pool.audit.AuditEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The audit log of label changes: who moved which host where, when, how it ended. */
final class AuditPanel extends TableView<AuditEntry> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    AuditPanel(AuditViewModel model) {
        super(model.entries());
        setId("audit-panel");
        getStyleClass().addAll("audit-panel", "dense");
        setPlaceholder(new Label("No label changes yet"));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("Time", 150, e -> TIME.format(e.time())));
        getColumns().add(column("User", 70, AuditEntry::user));
        getColumns().add(column("Pool", 120, AuditEntry::pool));
        getColumns().add(column("Host", 140, AuditEntry::host));
        getColumns().add(column("From", 90, e -> e.from() == null ? "unassigned" : e.from()));
        getColumns().add(column("To", 90, e -> e.to() == null ? "unassigned" : e.to()));
        getColumns().add(column("Result", 65, AuditEntry::result));
        getColumns().add(column("Took", 75, e -> e.durationMs() + " ms"));
        TableColumn<AuditEntry, String> error = column("Error", 200, e -> e.error() == null ? "" : e.error());
        error.setMinWidth(120);
        getColumns().add(error);
        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(AuditEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                pseudoClassStateChanged(HostCard.FAILED, !empty && entry != null && !entry.succeeded());
            }
        });
    }

    private static TableColumn<AuditEntry, String> column(String title, double width, Function<AuditEntry, String> value) {
        TableColumn<AuditEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(width); // only the Error column gives way

        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
