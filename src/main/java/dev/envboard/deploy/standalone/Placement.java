package dev.envboard.deploy.standalone;

import dev.envboard.deploy.Naming;
import dev.envboard.pool.Host;

/** One replica of a service on one standalone host. */
public record Placement(String environment, String service, int slot, Host host) {
    public String containerName() {
        return Naming.container(environment, service, slot);
    }
}
