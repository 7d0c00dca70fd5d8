package dev.envboard.deploy.standalone;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.compose.PortMapping;
import dev.envboard.deploy.compose.RestartPolicyDef;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A compose service's mounts, ports and restart policy as a standalone container's host config. */
final class ContainerHostConfigs {
    private ContainerHostConfigs() {
    }

    static HostConfig of(ServiceDef service, String environment) {
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount volume : service.volumes()) {
            String source = volume.isBind() ? volume.source()
                    : volume.source() == null || volume.source().isEmpty() ? null : Naming.network(environment, volume.source());
            if (source == null) {
                continue; // anonymous volumes are declared on the container (see exposed volumes)
            }
            binds.add(new Bind(source, new Volume(volume.target()),
                    volume.readOnly() ? com.github.dockerjava.api.model.AccessMode.ro : com.github.dockerjava.api.model.AccessMode.rw));
        }
        HostConfig config = HostConfig.newHostConfig().withBinds(binds).withRestartPolicy(restartPolicy(service.deploy().restartPolicy()));
        Ports ports = new Ports();
        boolean anyPublished = false;
        for (PortMapping mapping : service.ports()) {
            if (mapping.published() > 0) {
                // Binding.bindPort, not PortBinding.parse("8000"): that reads a lone number as the
                // container's port with no host port, and the engine picks a random one.
                ports.bind(exposed(mapping), Ports.Binding.bindPort(mapping.published()));
                anyPublished = true;
            }
        }
        if (anyPublished) {
            config.withPortBindings(ports);
        }
        return config;
    }

    static Optional<List<ExposedPort>> exposedPorts(ServiceDef service) {
        if (service.ports().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(service.ports().stream().map(ContainerHostConfigs::exposed).toList());
    }

    private static ExposedPort exposed(PortMapping mapping) {
        return new ExposedPort(mapping.target(), "udp".equals(mapping.protocol()) ? InternetProtocol.UDP : InternetProtocol.TCP);
    }

    /** Compose's default (any) keeps containers up across engine restarts, as Swarm would. */
    private static RestartPolicy restartPolicy(RestartPolicyDef def) {
        String condition = def == null || def.condition() == null ? "any" : def.condition();
        return switch (condition) {
            case "none" -> RestartPolicy.noRestart();
            case "on-failure" -> RestartPolicy.onFailureRestart(def.maxAttempts() == null ? 0 : def.maxAttempts());
            default -> RestartPolicy.unlessStoppedRestart();
        };
    }
}
