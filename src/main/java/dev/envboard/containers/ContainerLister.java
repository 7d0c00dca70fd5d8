package dev.envboard.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.runtime.OffFxThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One look at every container of a pool (for envboard ps): the live table's rows, once. */
public final class ContainerLister {
    public record Listing(List<ContainerRow> rows, Map<String, String> unreachable) {
    }

    private final DockerClients clients;

    public ContainerLister(DockerClients clients) {
        this.clients = clients;
    }

    /** Blocking. */
    public Listing list(PoolSnapshot snapshot) {
        OffFxThread.check("ContainerLister.list");
        Map<String, String> environments = new HashMap<>();
        for (Host host : snapshot.hosts()) {
            environments.put(host.displayName(), host.environment() == null ? "" : host.environment());
        }
        List<ContainerRow> rows = new ArrayList<>();
        Map<String, String> unreachable = new HashMap<>();
        for (PoolEngines.Engine engine : PoolEngines.of(snapshot)) {
            try {
                DockerClient client = clients.quick(engine.endpoint());
                for (Container container : client.listContainersCmd().withShowAll(true).exec()) {
                    try {
                        rows.add(ContainerRows.of(engine.host(), environments.get(engine.host()),
                                client.inspectContainerCmd(container.getId()).exec(), ContainerRows.ports(container)));
                    } catch (NotFoundException gone) {
                        // removed between the list and the inspect
                    }
                }
            } catch (RuntimeException e) {
                unreachable.put(engine.host(), DockerErrors.describe(e));
            }
        }
        return new Listing(rows, unreachable);
    }
}
