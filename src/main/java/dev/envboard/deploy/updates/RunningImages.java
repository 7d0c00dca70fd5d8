package dev.envboard.deploy.updates;

import dev.envboard.pool.PoolSnapshot;
import java.util.Map;

/** What an environment runs now, per service and host: the engines in the app, a fixed map in unit tests. */
@FunctionalInterface
public interface RunningImages {
    /**
     * Blocking.
     *
     * @return by service name: the digest each host's running replicas run, by host display name
     *         (a null digest where the host runs the image without one, e.g. an imported image);
     *         a service with nothing running is absent
     */
    Map<String, Map<String, String>> read(PoolSnapshot snapshot, String environment);
}
