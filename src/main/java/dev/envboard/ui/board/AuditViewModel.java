package dev.envboard.ui.board;

import dev.envboard.pool.audit.AuditEntry;
import dev.envboard.pool.audit.AuditLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The newest audit entries for the board's panel, newest first, bounded. */
public final class AuditViewModel {
    static final int SHOWN = 200;

    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();

    public AuditViewModel(AuditLog log, Executor io, Executor fx) {
        CompletableFuture.supplyAsync(() -> log.recent(SHOWN), io)
                .thenAcceptAsync(recent -> entries.addAll(recent), fx);
        log.addListener(entry -> fx.execute(() -> {
            entries.add(0, entry);
            if (entries.size() > SHOWN) {
                entries.remove(SHOWN, entries.size());
            }
        }));
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }
}
