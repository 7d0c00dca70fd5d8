package dev.envboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReaderTest {
    @Test
    void readsOnceWithoutBlocking() throws Exception {
        try (ConsulDouble consul = ConsulDouble.start()) {
            HealthFixtures.register(consul);
            consul.setCheck("node-1", "service:web-1", "critical", "down");
            HealthSnapshot s = HealthReader.read(HealthFixtures.pool(consul.address(), null), HealthFixtures.hosts(), Map.of());
            assertThat(s.state()).isEqualTo(ConsulState.OK);
            assertThat(s.counts("prod").critical()).isEqualTo(1);
            assertThat(consul.requests()).allSatisfy(r -> assertThat(r.query() == null ? "" : r.query()).doesNotContain("index="));
        }
    }

    @Test
    void aConsulThatIsNotThereIsUnreachable() throws Exception {
        String address;
        try (ConsulDouble gone = ConsulDouble.start()) {
            address = gone.address();
        }
        HealthSnapshot s = HealthReader.read(HealthFixtures.pool(address, null), HealthFixtures.hosts(), Map.of());
        assertThat(s.state()).isEqualTo(ConsulState.UNREACHABLE);
        assertThat(s.message()).startsWith("unreachable: ");
        assertThat(s.hostStatus("host-1")).isEqualTo(HealthStatus.UNKNOWN);
    }
}
