package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.testing.TestHosts;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateIdentitiesTest {
    @Test
    void enginesThatShareAnEngineIdAreBothWarnedNamingTheOther() {
        List<Host> marked = DuplicateIdentities.mark(List.of(
                TestHosts.standalone("a").endpoint("tcp://10.0.0.1:2376").engineId("SAME:ID").build(),
                TestHosts.standalone("b").endpoint("tcp://10.0.0.2:2376").engineId("SAME:ID").build(),
                TestHosts.standalone("c").endpoint("tcp://10.0.0.3:2376").engineId("OTHER:ID").build()));

        assertThat(marked.get(0).warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(HostWarning.Kind.SAME_ENGINE_ID);
            assertThat(w.summary()).isEqualTo("same engine ID as b");
            assertThat(w.message()).contains("a (tcp://10.0.0.1:2376)", "b (tcp://10.0.0.2:2376)", "SAME:ID", "key.json");
        });
        assertThat(marked.get(1).warnings()).singleElement().satisfies(w -> assertThat(w.summary()).isEqualTo("same engine ID as a"));
        assertThat(marked.get(2).warnings()).isEmpty();
    }

    @Test
    void aRepeatedHostnameIsWarnedAndTheNamesShownTellTheHostsApart() {
        List<Host> marked = DuplicateIdentities.mark(List.of(
                TestHosts.standalone("web").endpoint("tcp://10.0.0.1:2376").engineId("ID:1").build(),
                TestHosts.standalone("web").endpoint("tcp://10.0.0.2:2376").engineId("ID:2").build()));

        assertThat(marked).allSatisfy(h -> assertThat(h.warnings()).extracting(HostWarning::kind)
                .containsExactly(HostWarning.Kind.SAME_HOSTNAME));
        assertThat(marked).extracting(Host::displayName)
                .containsExactly("web (tcp://10.0.0.1:2376)", "web (tcp://10.0.0.2:2376)");
    }

    @Test
    void unreachableHostsAndDistinctOnesAreLeftAlone() {
        List<Host> hosts = List.of(
                TestHosts.standalone("a").endpoint("tcp://10.0.0.1:2376").engineId("SAME:ID").build(),
                TestHosts.standalone("b").endpoint("tcp://10.0.0.2:2376").engineId("SAME:ID").state(HostState.UNREACHABLE).build());
        assertThat(DuplicateIdentities.mark(hosts)).allSatisfy(h -> assertThat(h.warnings()).isEmpty());
        assertThat(hosts.get(0).displayName()).isEqualTo("a");
    }
}
