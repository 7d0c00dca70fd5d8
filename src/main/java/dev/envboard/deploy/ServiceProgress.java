package dev.envboard.deploy;

import java.util.Map;

/**
 * Where one service stands during a deploy.
 *
 * @param perHost running replicas per host
 * @param problem the latest error reported for its tasks or containers, else null
 */
public record ServiceProgress(String service, int desired, int running, int healthy, Map<String, Integer> perHost,
                              String problem) {
    public ServiceProgress {
        perHost = Map.copyOf(perHost);
    }
}
