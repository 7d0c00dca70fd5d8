package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What "wait until gone" means, asserted on the engines' own container events. */
final class WaitUntilGone {
    private WaitUntilGone() {
    }

    /**
     * Every old container died killed (it ignored SIGTERM) and was destroyed before the first new
     * container was created: across all engines by time, and on each engine by its event order.
     */
    static void assertOldGoneBeforeNewCreated(List<EngineEvents.Event> events, Set<String> old, Set<String> fresh) {
        assertThat(fresh).as("new containers").isNotEmpty().doesNotContainAnyElementsOf(old);
        List<EngineEvents.Event> destroyed = events.stream().filter(e -> e.action().equals("destroy") && old.contains(e.containerId())).toList();
        List<EngineEvents.Event> created = events.stream().filter(e -> e.action().equals("create") && fresh.contains(e.containerId())).toList();
        assertThat(destroyed.stream().map(EngineEvents.Event::containerId).collect(Collectors.toSet()))
                .as("a destroy event for every old container in " + events).isEqualTo(old);
        assertThat(created.stream().map(EngineEvents.Event::containerId).collect(Collectors.toSet()))
                .as("a create event for every new container in " + events).isEqualTo(fresh);
        assertThat(events.stream().filter(e -> e.action().equals("die") && old.contains(e.containerId())))
                .as("the old containers ignored SIGTERM, so the grace period ran out and they were killed")
                .hasSameSizeAs(old).allSatisfy(e -> assertThat(e.exitCode()).isEqualTo("137"));

        long lastDestroy = destroyed.stream().mapToLong(EngineEvents.Event::timeNano).max().orElseThrow();
        long firstCreate = created.stream().mapToLong(EngineEvents.Event::timeNano).min().orElseThrow();
        assertThat(lastDestroy).as("the last old container's destroy comes before the first new container's create")
                .isLessThan(firstCreate);
        Map<String, List<EngineEvents.Event>> byEngine = events.stream().collect(Collectors.groupingBy(EngineEvents.Event::engine));
        byEngine.forEach((engine, mine) -> {
            int lastDestroyed = mine.stream().filter(destroyed::contains).mapToInt(EngineEvents.Event::order).max().orElse(-1);
            int firstCreated = mine.stream().filter(created::contains).mapToInt(EngineEvents.Event::order).min().orElse(Integer.MAX_VALUE);
            assertThat(lastDestroyed).as("on " + engine + ", in the engine's own order").isLessThan(firstCreated);
        });
    }
}
