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

/** The filter boxes' values follow the rows one change at a time, and say when they changed. */
class ContainerChoicesTest {
    private final List<ContainerRow> rows = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final ContainerChoices choices = new ContainerChoices();

    private static ContainerRow row(String name, String host, String environment, String service, String state) {
        return new ContainerRow(host + "/" + name, name, service, "img:1", state, "", host, environment, null, "", 0, name, null);
    }

    private void apply(Map<String, Optional<ContainerRow>> changes) {
        ContainersViewModel.apply(changes, rows, index, choices);
    }

    @Test
    void addedRowsBringTheirValuesSortedAndEmptyOnesAreLeftOut() {
        Map<String, Optional<ContainerRow>> batch = new LinkedHashMap<>();
        batch.put("h2/a", Optional.of(row("a", "h2", "qa", "web", "running")));
        batch.put("h1/b", Optional.of(row("b", "h1", "", "db", "running")));
        apply(batch);
        assertThat(choices.takeChanged()).isTrue();
        assertThat(choices.environments()).containsExactly("qa");
        assertThat(choices.hosts()).containsExactly("h1", "h2");
        assertThat(choices.services()).containsExactly("db", "web");
    }

    @Test
    void aStateChangeOfAKnownRowChangesNoChoice() {
        apply(Map.of("h1/a", Optional.of(row("a", "h1", "qa", "web", "running"))));
        choices.takeChanged();
        apply(Map.of("h1/a", Optional.of(row("a", "h1", "qa", "web", "exited"))));
        assertThat(choices.takeChanged()).isFalse();
        assertThat(rows).extracting(ContainerRow::state).containsExactly("exited");
    }

    @Test
    void aValueGoesWithItsLastRowAndStaysWhileAnotherRowHasIt() {
        apply(Map.of("h1/a", Optional.of(row("a", "h1", "qa", "web", "running")),
                "h1/b", Optional.of(row("b", "h1", "qa", "web", "running")),
                "h2/c", Optional.of(row("c", "h2", "staging", "web", "running"))));
        choices.takeChanged();
        apply(Map.of("h1/a", Optional.empty()));
        assertThat(choices.takeChanged()).isFalse();
        assertThat(choices.hosts()).containsExactly("h1", "h2");
        apply(Map.of("h1/b", Optional.empty()));
        assertThat(choices.takeChanged()).isTrue();
        assertThat(choices.hosts()).containsExactly("h2");
        assertThat(choices.environments()).containsExactly("staging");
    }

    @Test
    void aRowMovingToAnotherEnvironmentMovesItsValue() {
        apply(Map.of("h1/a", Optional.of(row("a", "h1", "qa", "web", "running"))));
        choices.takeChanged();
        apply(Map.of("h1/a", Optional.of(row("a", "h1", "staging", "web", "running"))));
        assertThat(choices.takeChanged()).isTrue();
        assertThat(choices.environments()).containsExactly("staging");
    }

    @Test
    void clearingForgetsEveryValue() {
        apply(Map.of("h1/a", Optional.of(row("a", "h1", "qa", "web", "running"))));
        choices.takeChanged();
        choices.clear();
        assertThat(choices.takeChanged()).isTrue();
        assertThat(choices.hosts()).isEmpty();
        assertThat(choices.environments()).isEmpty();
        assertThat(choices.services()).isEmpty();
    }
}
