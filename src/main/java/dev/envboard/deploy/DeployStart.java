package dev.envboard.deploy;

import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A redeploy that passed its validation and knows its images: what others are told when it starts.
 *
 * @param versions per service, the image as written and the digest it runs pinned to (null when not
 *                 resolved); what ran before is not known yet
 * @param hosts    the environment's hosts as the validation saw them
 */
public record DeployStart(String id, PoolSpec pool, String environment, String user, Instant startedAt,
                          String stackSha256, Map<String, ServiceVersion> versions, List<Host> hosts) {

    public DeployStart {
        versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
        hosts = List.copyOf(hosts);
    }
}
