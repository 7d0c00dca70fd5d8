package dev.envboard.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.envboard.deploy.EnvironmentStatus.ServiceStatus;
import dev.envboard.deploy.history.DeployHistory;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.runtime.OffFxThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * Reads what each environment of a pool runs now, from the engines, by the stack namespace label:
 * so deploys made with {@code docker stack deploy} show as well as Envboard's own.
 */
public final class EnvironmentStatusReader {
    private final DockerClients clients;
    private final DeployHistory history;

    public EnvironmentStatusReader(DockerClients clients, DeployHistory history) {
        this.clients = clients;
        this.history = history;
    }

    /**
     * Blocking; the snapshot gives hosts and their environments.
     *
     * @param deploying whether a redeploy of that environment is running now
     */
    public List<EnvironmentStatus> read(PoolSnapshot snapshot, BiPredicate<PoolSpec, String> deploying) {
        OffFxThread.check("EnvironmentStatusReader.read");
        PoolSpec pool = snapshot.pool();
        Map<String, Map<String, ServiceStatus>> byEnvironment = snapshot.kind() == PoolKind.STANDALONE
                ? standalone(pool, snapshot) : swarm(pool, snapshot);
        TreeSet<String> environments = new TreeSet<>(byEnvironment.keySet());
        snapshot.hosts().stream().filter(h -> !h.isUnassigned()).forEach(h -> environments.add(h.environment()));
        Map<String, DeployRecord> lastDeploys = lastDeploys(pool.name());
        List<EnvironmentStatus> result = new ArrayList<>();
        for (String environment : environments) {
            List<String> hosts = snapshot.hosts().stream().filter(h -> environment.equals(h.environment())).map(Host::hostname).toList();
            result.add(new EnvironmentStatus(environment, hosts,
                    List.copyOf(byEnvironment.getOrDefault(environment, Map.of()).values()),
                    lastDeploys.get(environment), deploying.test(pool, environment)));
        }
        return result;
    }

    private Map<String, DeployRecord> lastDeploys(String pool) {
        Map<String, DeployRecord> last = new HashMap<>();
        for (DeployRecord record : history.recent(Integer.MAX_VALUE)) {
            if (record.pool().equals(pool) && !DeployRecord.REFUSED.equals(record.result())) {
                last.putIfAbsent(record.environment(), record);
            }
        }
        return last;
    }

    private Map<String, Map<String, ServiceStatus>> swarm(PoolSpec pool, PoolSnapshot snapshot) {
        DockerClient manager = clients.quick(pool.manager());
        Map<String, String> hostnames = new HashMap<>();
        snapshot.hosts().stream().filter(h -> h.nodeId() != null).forEach(h -> hostnames.put(h.nodeId(), h.displayName()));
        Map<String, List<Task>> runningByService = new HashMap<>();
        for (Task task : manager.listTasksCmd().withStateFilter(TaskState.RUNNING).exec()) {
            if (task.getStatus() != null && task.getStatus().getState() == TaskState.RUNNING) {
                runningByService.computeIfAbsent(task.getServiceId(), id -> new ArrayList<>()).add(task);
            }
        }
        Map<String, Map<String, ServiceStatus>> result = new TreeMap<>();
        for (Service service : manager.listServicesCmd().exec()) {
            Map<String, String> labels = service.getSpec().getLabels();
            String environment = labels == null ? null : labels.get(Naming.NAMESPACE);
            if (environment == null) {
                continue;
            }
            List<Task> running = runningByService.getOrDefault(service.getId(), List.of());
            var mode = service.getSpec().getMode();
            int desired = mode != null && mode.getReplicated() != null ? (int) mode.getReplicated().getReplicas() : running.size();
            String name = service.getSpec().getName().startsWith(environment + "_")
                    ? service.getSpec().getName().substring(environment.length() + 1) : service.getSpec().getName();
            List<String> where = running.stream().map(t -> hostnames.getOrDefault(t.getNodeId(), t.getNodeId())).sorted().toList();
            result.computeIfAbsent(environment, e -> new TreeMap<>()).put(name, new ServiceStatus(name, desired, running.size(), where));
        }
        return result;
    }

    private Map<String, Map<String, ServiceStatus>> standalone(PoolSpec pool, PoolSnapshot snapshot) {
        Map<String, Map<String, List<String[]>>> found = new TreeMap<>(); // env -> service -> [host, state]
        for (Host host : snapshot.hosts()) {
            if (!host.isReachable() || host.engineIndex() < 0) {
                continue;
            }
            DockerClient engine = clients.quick(pool.engines().get(host.engineIndex()).endpoint());
            for (Container container : engine.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Naming.NAMESPACE)).exec()) {
                Map<String, String> labels = container.getLabels();
                String environment = labels.get(Naming.NAMESPACE);
                String service = labels.getOrDefault(Naming.SERVICE, labels.getOrDefault(Naming.COMPOSE_SERVICE, "?"));
                found.computeIfAbsent(environment, e -> new TreeMap<>()).computeIfAbsent(service, s -> new ArrayList<>())
                        .add(new String[] {host.displayName(), container.getState()});
            }
        }
        Map<String, Map<String, ServiceStatus>> result = new TreeMap<>();
        found.forEach((environment, services) -> services.forEach((service, containers) -> {
            List<String> where = containers.stream().filter(c -> "running".equals(c[1])).map(c -> c[0]).sorted().toList();
            result.computeIfAbsent(environment, e -> new TreeMap<>())
                    .put(service, new ServiceStatus(service, containers.size(), where.size(), where));
        }));
        return result;
    }
}
