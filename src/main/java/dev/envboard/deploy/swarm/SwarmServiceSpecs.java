package dev.envboard.deploy.swarm;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ServiceGlobalModeOptions;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import dev.envboard.deploy.HealthChecks;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.compose.PortMapping;
import dev.envboard.deploy.compose.RestartPolicyDef;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.VolumeMount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a compose service into a Swarm service spec the way {@code docker stack deploy} does. */
final class SwarmServiceSpecs {
    private SwarmServiceSpecs() {
    }

    /** @param environmentConstraint e.g. node.labels.environment==qa, added to the service's own */
    static ServiceSpec of(ServiceDef service, String environment, String environmentConstraint, String deployId) {
        Map<String, String> labels = new HashMap<>(service.labels());
        labels.put(Naming.NAMESPACE, environment);
        labels.put(Naming.STACK_IMAGE, service.image());
        labels.put(Naming.DEPLOY_ID, deployId);
        Map<String, String> containerLabels = new HashMap<>(service.labels());
        containerLabels.put(Naming.NAMESPACE, environment);

        ContainerSpec container = new ContainerSpec()
                .withImage(service.image())
                .withLabels(containerLabels)
                .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withMounts(mounts(service, environment))
                .withStopGracePeriod(service.stopGracePeriod().toNanos());
        // Compose's entrypoint is the container's command, compose's command its arguments.
        if (service.entrypoint() != null) {
            container.withCommand(service.entrypoint());
        }
        if (service.command() != null) {
            container.withArgs(service.command());
        }
        if (service.healthcheck() != null) {
            container.withHealthCheck(HealthChecks.of(service.healthcheck()));
        }

        List<String> constraints = new ArrayList<>(service.deploy().constraints());
        constraints.add(environmentConstraint);
        ServicePlacement placement = new ServicePlacement().withConstraints(constraints);
        if (service.deploy().maxReplicasPerNode() > 0) {
            placement.withMaxReplicas(service.deploy().maxReplicasPerNode());
        }
        TaskSpec task = new TaskSpec()
                .withContainerSpec(container)
                .withPlacement(placement)
                .withNetworks(service.networks().stream().map(net -> new NetworkAttachmentConfig()
                        .withTarget(Naming.network(environment, net)).withAliases(List.of(service.name()))).toList());
        if (service.deploy().restartPolicy() != null) {
            task.withRestartPolicy(restartPolicy(service.deploy().restartPolicy()));
        }
        ServiceModeConfig mode = service.deploy().isGlobal()
                ? new ServiceModeConfig().withGlobal(new ServiceGlobalModeOptions())
                : new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(service.deploy().replicas()));
        ServiceSpec spec = new ServiceSpec()
                .withName(Naming.service(environment, service.name()))
                .withLabels(labels)
                .withTaskTemplate(task)
                .withMode(mode);
        EndpointSpec endpoint = new EndpointSpec().withMode(service.deploy().usesDnsRoundRobin()
                ? EndpointResolutionMode.DNSRR : EndpointResolutionMode.VIP);
        if (!service.ports().isEmpty()) {
            endpoint.withPorts(service.ports().stream().map(SwarmServiceSpecs::port).toList());
        }
        spec.withEndpointSpec(endpoint);
        return spec;
    }

    private static List<Mount> mounts(ServiceDef service, String environment) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount volume : service.volumes()) {
            Mount mount = new Mount().withTarget(volume.target()).withReadOnly(volume.readOnly());
            if (volume.isBind()) {
                mount.withType(MountType.BIND).withSource(volume.source());
            } else {
                mount.withType(MountType.VOLUME);
                if (volume.source() != null && !volume.source().isEmpty()) {
                    mount.withSource(Naming.network(environment, volume.source()));
                }
            }
            mounts.add(mount);
        }
        return mounts;
    }


    private static ServiceRestartPolicy restartPolicy(RestartPolicyDef def) {
        ServiceRestartPolicy policy = new ServiceRestartPolicy().withCondition(switch (def.condition() == null ? "any" : def.condition()) {
            case "none" -> ServiceRestartCondition.NONE;
            case "on-failure" -> ServiceRestartCondition.ON_FAILURE;
            default -> ServiceRestartCondition.ANY;
        });
        if (def.delay() != null) {
            policy.withDelay(def.delay().toNanos());
        }
        if (def.maxAttempts() != null) {
            policy.withMaxAttempts(def.maxAttempts().longValue());
        }
        if (def.window() != null) {
            policy.withWindow(def.window().toNanos());
        }
        return policy;
    }

    private static PortConfig port(PortMapping mapping) {
        PortConfig port = new PortConfig()
                .withTargetPort(mapping.target())
                .withProtocol("udp".equals(mapping.protocol()) ? PortConfigProtocol.UDP : PortConfigProtocol.TCP)
                .withPublishMode("host".equals(mapping.mode()) ? PortConfig.PublishMode.host : PortConfig.PublishMode.ingress);
        if (mapping.published() > 0) {
            port.withPublishedPort(mapping.published());
        }
        return port;
    }

}
