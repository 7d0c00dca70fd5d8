package dev.envboard.ui.board;

import dev.envboard.pool.HostKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The selected cards, and where the arrow keys take the selection. Touched on the FX thread only. */
final class BoardSelection {
    private final Set<HostKey> selected = new LinkedHashSet<>();

    /** Click selects one card; with {@code extend} (Ctrl/Shift) it toggles that card in the selection. */
    void select(HostKey host, boolean extend) {
        if (!extend) {
            selected.clear();
            selected.add(host);
        } else if (!selected.remove(host)) {
            selected.add(host);
        }
    }

    void clear() {
        selected.clear();
    }

    boolean contains(HostKey host) {
        return selected.contains(host);
    }

    /** Hosts that left the pool leave the selection. */
    void retain(Collection<HostKey> present) {
        selected.retainAll(present);
    }

    /**
     * The card an arrow key leads to: up/down within a column (stopping at its ends), left/right
     * to the same row of the next column with cards (wrapping around, the row clamped to that
     * column). Without a selection, the first card. Empty when there are no cards.
     */
    Optional<HostKey> step(List<EnvironmentColumnModel> columns, int columnStep, int rowStep) {
        List<EnvironmentColumnModel> nonEmpty = columns.stream().filter(c -> !c.cards().isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return Optional.empty();
        }
        HostKey current = selected.isEmpty() ? null : selected.iterator().next();
        int col = 0;
        int row = 0;
        boolean found = false;
        for (int c = 0; c < nonEmpty.size() && !found; c++) {
            List<CardModel> cards = nonEmpty.get(c).cards();
            for (int r = 0; r < cards.size(); r++) {
                if (cards.get(r).host().key().equals(current)) {
                    col = c;
                    row = r;
                    found = true;
                    break;
                }
            }
        }
        if (current != null) {
            col = Math.floorMod(col + columnStep, nonEmpty.size());
            row = Math.max(0, Math.min(row + rowStep, nonEmpty.get(col).cards().size() - 1));
        }
        return Optional.of(nonEmpty.get(col).cards().get(row).host().key());
    }
}
