package dev.envboard.deploy.updates;

import java.time.Instant;
import java.util.List;

/**
 * The update check of one environment: per service of its stack, whether its tag names what runs.
 *
 * @param problem  why the environment could not be checked at all (no stack, a stack that does not
 *                 load, engines that do not answer); null when its services were checked
 * @param requests the registry requests this check sent (manifests and tokens), to show it stays modest
 */
public record EnvironmentUpdates(String pool, String environment, List<ServiceUpdate> services, String problem,
                                 long requests, Instant checkedAt) {

    public EnvironmentUpdates {
        services = List.copyOf(services);
    }

    public List<ServiceUpdate> available() {
        return only(UpdateState.UPDATE_AVAILABLE);
    }

    public List<ServiceUpdate> unknown() {
        return only(UpdateState.UNKNOWN);
    }

    public boolean updateAvailable() {
        return !available().isEmpty();
    }

    /**
     * Why the check could not ask what it had to: the environment's problem, or each service whose
     * registry did not answer ("web: ... registry unreachable ..."), one a line; null when it could.
     */
    public String failure() {
        if (problem != null) {
            return problem;
        }
        List<String> reasons = unknown().stream().filter(ServiceUpdate::registryFailed).map(s -> s.service() + ": " + s.reason()).toList();
        return reasons.isEmpty() ? null : String.join("\n", reasons);
    }

    private List<ServiceUpdate> only(UpdateState state) {
        return services.stream().filter(s -> s.state() == state).toList();
    }
}
