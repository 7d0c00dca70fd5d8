package dev.envboard.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.containers.ContainerRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One flush of the containers table: removals and updates of other rows in the same batch. */
class ContainerRowChangesTest {
    private static ContainerRow row(String name, String state) {
        return new ContainerRow("host-1/" + name, name, "", "envboard/demo:1", state, "", "host-1", "", null, "", 0, name, null);
    }

    private final List<ContainerRow> rows = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    private void apply(Map<String, Optional<ContainerRow>> changes) {
        ContainersViewModel.apply(changes, rows, index);
    }

    private Map<String, Integer> positions() {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            positions.put(rows.get(i).key(), i);
        }
        return positions;
    }

    @Test
    void aRowRemovedBeforeAnUpdateInOneBatchDoesNotShiftTheUpdateOntoAnotherRow() {
        apply(Map.of("host-1/a", Optional.of(row("a", "running")), "host-1/b", Optional.of(row("b", "running")),
                "host-1/c", Optional.of(row("c", "running"))));
        List<String> order = rows.stream().map(ContainerRow::name).toList();
        String first = order.get(0);
        String last = order.get(2);
        String middle = order.get(1);
        Map<String, Optional<ContainerRow>> batch = new LinkedHashMap<>(); // the removal comes first
        batch.put("host-1/" + first, Optional.empty());
        batch.put("host-1/" + last, Optional.of(row(last, "exited")));
        batch.put("host-1/d", Optional.of(row("d", "created")));

        apply(batch);

        assertThat(rows).containsExactly(row(middle, "running"), row(last, "exited"), row("d", "created"));
        assertThat(index).isEqualTo(positions());
    }

    @Test
    void removingSeveralRowsAndUpdatingTheRestKeepsEveryRowWhereItsKeySays() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            Map<String, Optional<ContainerRow>> one = new LinkedHashMap<>();
            one.put("host-1/" + name, Optional.of(row(name, "running")));
            apply(one);
        }
        Map<String, Optional<ContainerRow>> batch = new LinkedHashMap<>();
        batch.put("host-1/a", Optional.empty());
        batch.put("host-1/e", Optional.of(row("e", "exited")));
        batch.put("host-1/c", Optional.empty());
        batch.put("host-1/d", Optional.of(row("d", "exited")));
        batch.put("host-1/gone-already", Optional.empty());

        apply(batch);

        assertThat(rows).containsExactly(row("b", "running"), row("d", "exited"), row("e", "exited"));
        assertThat(index).isEqualTo(positions());
    }
}
