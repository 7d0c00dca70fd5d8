package dev.envboard.deploy.updates;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.RunningImage;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.registry.ImageRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads from the engines what each service of an environment runs, per host, by the stack
 * namespace label: standalone, the running containers on every reachable engine of the pool (with
 * the engine's repository digest where the container names only a tag); Swarm, the running tasks,
 * whose specs carry the pinned {@code image@digest}.
 */
public final class EngineRunningImages implements RunningImages {
    private final DockerClients clients;

    public EngineRunningImages(DockerClients clients) {
        this.clients = clients;
    }

    @Override
    public Map<String, Map<String, String>> read(PoolSnapshot snapshot, String environment) {
        return snapshot.kind() == PoolKind.STANDALONE ? standalone(snapshot, environment) : swarm(snapshot, environment);
    }

    private Map<String, Map<String, String>> standalone(PoolSnapshot snapshot, String environment) {
        PoolSpec pool = snapshot.pool();
        Map<String, Map<String, String>> result = new TreeMap<>();
        for (Host host : snapshot.hosts()) {
            if (!host.isReachable() || host.engineIndex() < 0) {
                continue;
            }
            DockerClient engine = clients.quick(pool.engines().get(host.engineIndex()).endpoint());
            List<Container> containers = engine.listContainersCmd().withLabelFilter(Map.of(Naming.NAMESPACE, environment))
                    .withStatusFilter(List.of("running")).exec();
            for (Container container : containers) {
                Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
                String service = labels.getOrDefault(Naming.SERVICE, labels.get(Naming.COMPOSE_SERVICE));
                if (service == null) {
                    continue;
                }
                RunningImage image = RunningImage.of(container.getImage(), labels.get(Naming.IMAGE));
                String digest = image.digest() != null ? image.digest() : repoDigest(engine, container, image.image());
                // One digest per host: its replicas were created from one image by one deploy.
                result.computeIfAbsent(service, s -> new TreeMap<>()).putIfAbsent(host.displayName(), digest);
            }
        }
        return result;
    }

    /** The digest the engine recorded when it pulled the container's image from its repository; null for an imported one. */
    private static String repoDigest(DockerClient engine, Container container, String image) {
        ImageRef wanted;
        try {
            wanted = ImageRef.parse(image);
        } catch (IllegalArgumentException notAReference) {
            return null;
        }
        List<String> digests;
        try {
            digests = engine.inspectImageCmd(container.getImageId()).exec().getRepoDigests();
        } catch (NotFoundException gone) {
            return null;
        }
        for (String reference : digests == null ? List.<String>of() : digests) {
            try {
                ImageRef found = ImageRef.parse(reference);
                if (found.registry().equals(wanted.registry()) && found.repository().equals(wanted.repository())) {
                    return found.digest();
                }
            } catch (IllegalArgumentException skipped) {
                // an engine's odd entry: another one may match
            }
        }
        return null;
    }

    private Map<String, Map<String, String>> swarm(PoolSnapshot snapshot, String environment) {
        DockerClient manager = clients.quick(snapshot.pool().manager());
        Map<String, String> services = new HashMap<>(); // id -> name in the stack
        String prefix = Naming.service(environment, "");
        for (Service service : manager.listServicesCmd().withLabelFilter(Map.of(Naming.NAMESPACE, environment)).exec()) {
            String name = service.getSpec().getName();
            services.put(service.getId(), name.startsWith(prefix) ? name.substring(prefix.length()) : name);
        }
        Map<String, Map<String, String>> result = new TreeMap<>();
        if (services.isEmpty()) {
            return result;
        }
        Map<String, String> hostnames = new HashMap<>();
        snapshot.hosts().stream().filter(h -> h.nodeId() != null).forEach(h -> hostnames.put(h.nodeId(), h.displayName()));
        for (Task task : manager.listTasksCmd().withServiceFilter(services.keySet().toArray(String[]::new)).exec()) {
            if (task.getStatus() == null || task.getStatus().getState() != TaskState.RUNNING || !services.containsKey(task.getServiceId())) {
                continue;
            }
            var spec = task.getSpec() == null ? null : task.getSpec().getContainerSpec();
            String digest = spec == null ? null : RunningImage.of(spec.getImage(), null).digest();
            String host = hostnames.getOrDefault(task.getNodeId(), task.getNodeId());
            result.computeIfAbsent(services.get(task.getServiceId()), s -> new TreeMap<>()).putIfAbsent(host, digest);
        }
        return result;
    }
}
