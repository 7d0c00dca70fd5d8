package dev.envboard.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.compose.DeploySpec;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.pool.Availability;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostRole;
import dev.envboard.pool.HostState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandalonePlacerTest {
    private static Host host(String name, Map<String, String> labels) {
        return new Host(name + "-id", name, null, HostRole.STANDALONE, HostState.READY, Availability.ACTIVE, "20.10",
                2, 0, 0, labels, labels, "qa", false, 0, 0, null);
    }

    private static ServiceDef service(String name, DeploySpec deploy) {
        return new ServiceDef(name, "img", null, null, Map.of(), Map.of(), List.of(), List.of(), null, List.of(),
                Duration.ofSeconds(10), deploy, List.of("default"), Map.of());
    }

    private final List<Host> hosts = List.of(host("a", Map.of("disk", "ssd")), host("b", Map.of("disk", "hdd")));

    @Test
    void replicasSpreadEvenlyOverTheHosts() {
        List<Placement> placed = new StandalonePlacer().place("qa",
                service("web", new DeploySpec("replicated", 3, List.of(), 0, null, "vip")), hosts);
        assertThat(placed).extracting(p -> p.host().hostname()).containsExactly("a", "b", "a");
        assertThat(placed).extracting(Placement::containerName).containsExactly("qa_web_1", "qa_web_2", "qa_web_3");
    }

    @Test
    void maxReplicasPerNodeCapsEachHost() {
        List<Placement> placed = new StandalonePlacer().place("qa",
                service("web", new DeploySpec("replicated", 3, List.of(), 1, null, "vip")), hosts);
        assertThat(placed).hasSize(2).extracting(p -> p.host().hostname()).containsExactly("a", "b");
    }

    @Test
    void constraintsChooseTheHostsAndGlobalRunsOnEachOfThem() {
        StandalonePlacer placer = new StandalonePlacer();
        List<Placement> onSsd = placer.place("qa",
                service("db", new DeploySpec("replicated", 2, List.of("engine.labels.disk==ssd"), 0, null, "vip")), hosts);
        assertThat(onSsd).extracting(p -> p.host().hostname()).containsExactly("a", "a");
        List<Placement> global = placer.place("qa", service("agent", new DeploySpec("global", 1, List.of(), 0, null, "vip")), hosts);
        assertThat(global).extracting(p -> p.host().hostname()).containsExactly("a", "b");
    }

    @Test
    void servicesPlacedLaterPreferTheLessLoadedHost() {
        StandalonePlacer placer = new StandalonePlacer();
        placer.place("qa", service("db", new DeploySpec("replicated", 2, List.of("node.labels.disk==ssd"), 0, null, "vip")), hosts);
        List<Placement> web = placer.place("qa", service("web", new DeploySpec("replicated", 1, List.of(), 0, null, "vip")), hosts);
        assertThat(web).extracting(p -> p.host().hostname()).containsExactly("b");
    }
}
