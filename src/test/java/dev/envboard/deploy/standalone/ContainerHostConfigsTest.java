package dev.envboard.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.envboard.deploy.compose.DeploySpec;
import dev.envboard.deploy.compose.PortMapping;
import dev.envboard.deploy.compose.ServiceDef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerHostConfigsTest {
    private static ServiceDef service(List<PortMapping> ports) {
        return new ServiceDef("www", "img", null, null, Map.of(), Map.of(), List.of(), ports, null, List.of(),
                Duration.ofSeconds(10), new DeploySpec("replicated", 1, List.of(), 0, null, "vip"), List.of("default"), Map.of());
    }

    @Test
    void aPublishedPortIsBoundOnTheHostPortItNamesAndATargetOnlyPortIsExposedOnly() {
        ServiceDef service = service(List.of(new PortMapping(8000, 80, "tcp", "host"), new PortMapping(5353, 53, "udp", "ingress"),
                new PortMapping(0, 443, "tcp", "ingress")));

        HostConfig config = ContainerHostConfigs.of(service, "qa");

        Map<ExposedPort, Ports.Binding[]> bindings = config.getPortBindings().getBindings();
        assertThat(bindings).containsOnlyKeys(ExposedPort.tcp(80), ExposedPort.udp(53));
        assertThat(bindings.get(ExposedPort.tcp(80))).extracting(Ports.Binding::getHostPortSpec).containsExactly("8000");
        assertThat(bindings.get(ExposedPort.udp(53))).extracting(Ports.Binding::getHostPortSpec).containsExactly("5353");
        assertThat(ContainerHostConfigs.exposedPorts(service)).hasValueSatisfying(exposed ->
                assertThat(exposed).containsExactly(ExposedPort.tcp(80), ExposedPort.udp(53), ExposedPort.tcp(443)));
    }

    @Test
    void noPublishedPortMeansNoBindings() {
        assertThat(ContainerHostConfigs.of(service(List.of(new PortMapping(0, 80, "tcp", "ingress"))), "qa").getPortBindings()).isNull();
        assertThat(ContainerHostConfigs.exposedPorts(service(List.of()))).isEmpty();
    }
}
