package dev.envboard.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostState;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.runtime.OffFxThread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which hosts run each service of an environment now: the standalone engines with a running
 * container of it, or the Swarm nodes with a running task. Where a service answers, e.g. for the
 * links of a demo's entry points.
 */
public final class ServiceHosts {
    private final DockerClients clients;

    public ServiceHosts(DockerClients clients) {
        this.clients = clients;
    }

    /** By service name (as the stack names it), the hosts in the snapshot's order; engines that do not answer are left out. */
    public Map<String, List<Host>> of(PoolSnapshot snapshot, String environment) {
        OffFxThread.check("ServiceHosts.of");
        PoolSpec pool = snapshot.pool();
        Map<String, List<Host>> hosts = new LinkedHashMap<>();
        if (pool.kind() == PoolKind.STANDALONE) {
            for (Host host : snapshot.hosts()) {
                if (host.state() != HostState.READY || host.engineIndex() < 0) {
                    continue;
                }
                try {
                    DockerClient client = clients.quick(pool.engines().get(host.engineIndex()).endpoint());
                    for (Container container : client.listContainersCmd().withLabelFilter(Map.of(Naming.NAMESPACE, environment)).exec()) {
                        String service = container.getLabels() == null ? null : container.getLabels().get(Naming.SERVICE);
                        if (service != null && !hosts.computeIfAbsent(service, s -> new ArrayList<>()).contains(host)) {
                            hosts.get(service).add(host);
                        }
                    }
                } catch (RuntimeException e) {
                    // not answering now: its services are not located there
                }
            }
            return hosts;
        }
        DockerClient manager = clients.quick(pool.manager());
        String prefix = Naming.service(environment, "");
        for (Service service : manager.listServicesCmd().withLabelFilter(Map.of(Naming.NAMESPACE, environment)).exec()) {
            String name = service.getSpec().getName();
            String shortName = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            for (Task task : manager.listTasksCmd().withServiceFilter(name).exec()) {
                TaskState state = task.getStatus() == null ? null : task.getStatus().getState();
                if (task.getDesiredState() != TaskState.RUNNING || state != TaskState.RUNNING) {
                    continue;
                }
                snapshot.hosts().stream().filter(h -> task.getNodeId() != null && task.getNodeId().equals(h.nodeId())).findFirst()
                        .ifPresent(node -> {
                            List<Host> list = hosts.computeIfAbsent(shortName, s -> new ArrayList<>());
                            if (!list.contains(node)) {
                                list.add(node);
                            }
                        });
            }
        }
        return hosts;
    }
}
