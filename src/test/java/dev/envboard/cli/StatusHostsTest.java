package dev.envboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** status's ON column names each host once, with its replica count where it runs more than one. */
class StatusHostsTest {
    @Test
    void aHostRunningSeveralReplicasIsNamedOnceWithItsCount() {
        assertThat(StatusCommand.hosts(List.of("host-1", "host-2", "host-1", "host-1"))).isEqualTo("host-1×3,host-2");
        assertThat(StatusCommand.hosts(List.of("host-2"))).isEqualTo("host-2");
        assertThat(StatusCommand.hosts(List.of())).isEmpty();
    }
}
