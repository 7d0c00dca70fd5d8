package dev.envboard.pool;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.ssh.SshTarget;

/**
 * One engine of a standalone pool as configured. {@code name} and {@code address} are optional
 * hints for display; the engine's own info wins once it answers.
 *
 * @param ssh           where to edit daemon.json; null when labels cannot be changed on this host
 * @param daemonJson    path of daemon.json on that host
 * @param reloadCommand shell command run over SSH to apply the new labels
 */
public record EngineSpec(String name, EndpointSpec endpoint, String address, SshTarget ssh,
                         String daemonJson, String reloadCommand) {

    public static final String DEFAULT_DAEMON_JSON = "/etc/docker/daemon.json";
    public static final String DEFAULT_RELOAD = "systemctl reload docker";

    /** What to call this engine before it has answered. */
    public String displayName() {
        if (name != null) {
            return name;
        }
        return endpoint.host().orElse(endpoint.uri().getPath());
    }
}
