package dev.envboard.ui.board;

import java.util.Collection;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * How the board is laid out, remembered across runs: compact (one-line) cards, and which columns
 * are collapsed to a narrow strip, per pool and environment ("POOL/ENV"; "POOL/" for Unassigned,
 * which no environment name can be). FX thread only.
 */
public final class BoardLayout {
    private final BooleanProperty compact = new SimpleBooleanProperty(false);
    private final ObservableSet<String> collapsed = FXCollections.observableSet(new java.util.TreeSet<>());

    public BooleanProperty compactProperty() {
        return compact;
    }

    /** The collapsed columns as "POOL/ENV" ("POOL/" for Unassigned). */
    public ObservableSet<String> collapsed() {
        return collapsed;
    }

    /** Puts back what the window remembered. */
    public void restore(boolean compactCards, Collection<String> collapsedColumns) {
        compact.set(compactCards);
        collapsed.addAll(collapsedColumns);
    }

    public List<String> collapsedCopy() {
        return List.copyOf(collapsed);
    }

    /** @param environment null for Unassigned */
    boolean isCollapsed(String pool, String environment) {
        return collapsed.contains(key(pool, environment));
    }

    void setCollapsed(String pool, String environment, boolean collapse) {
        if (collapse) {
            collapsed.add(key(pool, environment));
        } else {
            collapsed.remove(key(pool, environment));
        }
    }

    static String key(String pool, String environment) {
        return pool + "/" + (environment == null ? "" : environment);
    }
}
