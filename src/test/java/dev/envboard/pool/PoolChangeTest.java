package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.docker.EndpointSpec;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolChangeTest {
    private static final EndpointSpec A = new EndpointSpec(URI.create("tcp://127.0.0.1:2375"), null, false);
    private static final EndpointSpec B = new EndpointSpec(URI.create("tcp://127.0.0.1:2376"), null, false);

    @Test
    void enginesOfTwoChangesAreReadTogether() {
        PoolChange both = PoolChange.engines(Set.of(A)).and(PoolChange.engines(Set.of(B)));
        assertThat(both.scope()).isEqualTo(PoolChange.Scope.ENGINES);
        assertThat(both.engines()).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void anythingWithTheWholePoolOrAnotherScopeIsTheWholePool() {
        assertThat(PoolChange.engines(Set.of(A)).and(PoolChange.whole())).isEqualTo(PoolChange.whole());
        assertThat(PoolChange.whole().and(PoolChange.swarmNodes())).isEqualTo(PoolChange.whole());
        assertThat(PoolChange.swarmNodes().and(PoolChange.engines(Set.of(A)))).isEqualTo(PoolChange.whole());
        assertThat(PoolChange.swarmNodes().and(PoolChange.swarmNodes())).isEqualTo(PoolChange.swarmNodes());
    }

    @Test
    void noEnginesNamedIsTheWholePoolAndNothingPendingAddsNothing() {
        assertThat(PoolChange.engines(Set.of())).isEqualTo(PoolChange.whole());
        assertThat(PoolChange.engines(Set.of(A)).and(null)).isEqualTo(PoolChange.engines(Set.of(A)));
    }
}
