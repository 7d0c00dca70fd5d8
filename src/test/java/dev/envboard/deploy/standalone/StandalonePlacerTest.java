package dev.envboard.deploy.standalone;

import dev.envboard.testing.TestHosts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.compose.DeploySpec;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.pool.Host;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandalonePlacerTest {
    private static Host host(String name, Map<String, String> labels) {
        return TestHosts.standalone(name).labels(labels).in("qa").build();
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

    /** Two engines cloned from one image: the same engine ID and hostname, told apart by their pool entries. */
    @Test
    void clonedEnginesAreTwoHosts() {
        List<Host> clones = List.of(
                TestHosts.standalone("web").endpoint("tcp://10.0.0.1:2376").engineId("SAME:ID").in("qa").index(0).build(),
                TestHosts.standalone("web").endpoint("tcp://10.0.0.2:2376").engineId("SAME:ID").in("qa").index(1).build());
        List<Placement> placed = new StandalonePlacer().place("qa",
                service("graph", new DeploySpec("replicated", 2, List.of(), 1, null, "vip")), clones);
        assertThat(placed).extracting(p -> p.host().key().entry())
                .containsExactly("tcp://10.0.0.1:2376", "tcp://10.0.0.2:2376");
    }
}
