package dev.envboard.ui.containers;

import dev.envboard.containers.ContainerRow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The distinct environments, hosts and services of the table's rows, kept as counts that each
 * row change moves: a flush costs the rows it changed, not a pass over every row, and the filter
 * boxes are only touched when a value appears or goes.
 */
final class ContainerChoices {
    private final Counts environments = new Counts(ContainerRow::environment);
    private final Counts hosts = new Counts(ContainerRow::host);
    private final Counts services = new Counts(ContainerRow::service);
    private boolean changed;

    /** A row went from {@code before} to {@code after}; either is null for an added or removed row. */
    void replaced(ContainerRow before, ContainerRow after) {
        for (Counts counts : List.of(environments, hosts, services)) {
            changed |= counts.replaced(before, after);
        }
    }

    /** Whether a value appeared or went since the last call. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    void clear() {
        changed |= environments.clear() | hosts.clear() | services.clear();
    }

    /** Sorted, empty values left out. */
    List<String> environments() {
        return environments.values();
    }

    List<String> hosts() {
        return hosts.values();
    }

    List<String> services() {
        return services.values();
    }

    private static final class Counts {
        private final Function<ContainerRow, String> value;
        private final Map<String, Integer> counts = new TreeMap<>();

        Counts(Function<ContainerRow, String> value) {
            this.value = value;
        }

        /** True when a value's count went from 0 or to 0. */
        boolean replaced(ContainerRow before, ContainerRow after) {
            String old = before == null ? null : value.apply(before);
            String now = after == null ? null : value.apply(after);
            if (old != null && old.equals(now)) {
                return false;
            }
            boolean changed = false;
            if (old != null && !old.isEmpty()) {
                changed |= counts.merge(old, -1, Integer::sum) == 0;
                counts.remove(old, 0);
            }
            if (now != null && !now.isEmpty()) {
                changed |= counts.merge(now, 1, Integer::sum) == 1;
            }
            return changed;
        }

        boolean clear() {
            boolean had = !counts.isEmpty();
            counts.clear();
            return had;
        }

        List<String> values() {
            return List.copyOf(counts.keySet());
        }
    }
}
