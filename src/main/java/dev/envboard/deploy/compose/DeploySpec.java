package dev.envboard.deploy.compose;

import java.util.List;

/**
 * The deploy: section. mode "replicated" (default, replicas default 1) or "global";
 * maxReplicasPerNode 0 = unlimited; restartPolicy null when not written; endpointMode "vip"
 * (a virtual IP, the default) or "dnsrr" (DNS round robin over the tasks).
 */
public record DeploySpec(String mode, int replicas, List<String> constraints, int maxReplicasPerNode,
                         RestartPolicyDef restartPolicy, String endpointMode) {
    public DeploySpec {
        constraints = List.copyOf(constraints);
    }

    public static DeploySpec defaults() {
        return new DeploySpec("replicated", 1, List.of(), 0, null, "vip");
    }

    public boolean usesDnsRoundRobin() {
        return "dnsrr".equals(endpointMode);
    }

    public boolean isGlobal() {
        return "global".equals(mode);
    }
}
