package dev.envboard.deploy.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service of a stack, with compose defaults applied.
 *
 * @param command        null: the image's own command
 * @param entrypoint     null: the image's own entrypoint
 * @param environment    env_file entries first, then environment: (which wins)
 * @param stopGracePeriod compose default 10 s
 * @param networks       networks the service joins; ["default"] when it names none
 * @param lines          1-based line of each key that was written, by dotted path relative to
 *                       the service ("image", "deploy.replicas", "deploy.placement.constraints"...),
 *                       plus "" for the service's own line; for messages that name file and line
 * @param pullPolicy     compose's pull_policy; null when the service does not say (the run decides)
 */
public record ServiceDef(String name, String image, List<String> command, List<String> entrypoint,
                         Map<String, String> environment, Map<String, String> labels, List<VolumeMount> volumes,
                         List<PortMapping> ports, HealthcheckDef healthcheck, List<Dependency> dependsOn,
                         Duration stopGracePeriod, DeploySpec deploy, List<String> networks, Map<String, Integer> lines,
                         PullPolicy pullPolicy) {

    /** A service that does not say how its image is pulled. */
    public ServiceDef(String name, String image, List<String> command, List<String> entrypoint,
                      Map<String, String> environment, Map<String, String> labels, List<VolumeMount> volumes,
                      List<PortMapping> ports, HealthcheckDef healthcheck, List<Dependency> dependsOn,
                      Duration stopGracePeriod, DeploySpec deploy, List<String> networks, Map<String, Integer> lines) {
        this(name, image, command, entrypoint, environment, labels, volumes, ports, healthcheck, dependsOn,
                stopGracePeriod, deploy, networks, lines, null);
    }

    public ServiceDef {
        command = command == null ? null : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        environment = Map.copyOf(environment);
        labels = Map.copyOf(labels);
        volumes = List.copyOf(volumes);
        ports = List.copyOf(ports);
        dependsOn = List.copyOf(dependsOn);
        networks = List.copyOf(networks);
        lines = Map.copyOf(lines);
    }

    /** The same service running {@code newImage} (e.g. pinned to the digest a redeploy resolved), with more labels. */
    public ServiceDef withImage(String newImage, Map<String, String> moreLabels) {
        Map<String, String> allLabels = new java.util.HashMap<>(labels);
        allLabels.putAll(moreLabels);
        return new ServiceDef(name, newImage, command, entrypoint, environment, allLabels, volumes, ports, healthcheck,
                dependsOn, stopGracePeriod, deploy, networks, lines, pullPolicy);
    }

    /** The same service with another pull policy (a rollback pulls a recorded digest, or runs what the hosts have). */
    public ServiceDef withPullPolicy(PullPolicy policy) {
        return new ServiceDef(name, image, command, entrypoint, environment, labels, volumes, ports, healthcheck,
                dependsOn, stopGracePeriod, deploy, networks, lines, policy);
    }

    /** Line of a key of this service, or of the service itself when that key was not written. */
    public int line(String key) {
        return lines.getOrDefault(key, lines.getOrDefault("", 0));
    }
}
