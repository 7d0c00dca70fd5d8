package dev.envboard.deploy.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployException;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.EnvironmentDriver;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.RunningImage;
import dev.envboard.deploy.ServiceProgress;
import dev.envboard.deploy.compose.NetworkDef;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deploys an environment as Swarm services through the manager: placed by the environment label
 * constraint, named and labelled as {@code docker stack deploy} does.
 */
public final class SwarmDriver implements EnvironmentDriver {
    /** A task in one of these states has no container running any more. */
    private static final Set<TaskState> FINISHED = EnumSet.of(TaskState.COMPLETE, TaskState.SHUTDOWN,
            TaskState.FAILED, TaskState.REJECTED, TaskState.ORPHANED, TaskState.REMOVE);

    private final DockerClient manager;
    private final PoolSpec pool;
    private final Stack stack;
    private final String environment;
    private final List<Host> hosts;
    private final String deployId;
    private final Map<String, Integer> globalTargets;
    private final List<NodeEngine> engines;
    private final DeployListener listener;
    /** Per service, the registry login its tasks pull with (as --with-registry-auth sends it). */
    private final Map<String, AuthConfig> logins;
    /** The services the teardown removed: their containers must be gone from every node. */
    private final Set<String> removedServiceIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Nodes outside the environment whose engine stopped answering: said once, then left to the task list. */
    private final Set<String> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A node's own engine, where the pool names one: what proves its old containers are really gone. */
    public record NodeEngine(Host node, DockerClient client, boolean ofEnvironment) {
    }

    /**
     * @param hosts         the environment's hosts as the validation saw them
     * @param globalTargets for global services: on how many hosts a task must run
     * @param engines       the nodes' own engines that the pool names (may be none)
     * @param logins        per service, the registry login sent with its creation so workers can pull
     */
    public SwarmDriver(DockerClient manager, PoolSpec pool, Stack stack, List<Host> hosts, String deployId,
                       Map<String, Integer> globalTargets, List<NodeEngine> engines, DeployListener listener,
                       Map<String, AuthConfig> logins) {
        this.logins = Map.copyOf(logins);
        this.manager = manager;
        this.pool = pool;
        this.stack = stack;
        this.environment = stack.environment();
        this.hosts = List.copyOf(hosts);
        this.deployId = deployId;
        this.globalTargets = Map.copyOf(globalTargets);
        this.engines = List.copyOf(engines);
        this.listener = listener;
    }

    /** The constraint that keeps the environment's services on its own hosts. */
    public static String environmentConstraint(PoolSpec pool, String environment) {
        String scope = pool.labelScope() == LabelScope.ENGINE ? "engine.labels." : "node.labels.";
        return scope + pool.labelKey() + "==" + environment;
    }

    @Override
    public List<String> remove(CancelToken cancel, DeployListener listener) throws DeployException {
        List<String> removed = new ArrayList<>();
        for (Service service : call(() -> manager.listServicesCmd().withLabelFilter(namespace()).exec())) {
            String name = service.getSpec().getName();
            // Swarm stops the tasks itself, honouring each service's stop grace period.
            removedServiceIds.add(service.getId());
            call(() -> {
                manager.removeServiceCmd(service.getId()).exec();
                return null;
            });
            listener.message("removed service " + name);
            removed.add("service " + name);
        }
        return removed;
    }

    /** Per service of the stack namespace: the image its spec runs (Swarm keeps {@code name:tag@digest}). */
    @Override
    public Map<String, RunningImage> running() throws DeployException {
        Map<String, RunningImage> running = new TreeMap<>();
        for (Service service : call(() -> manager.listServicesCmd().withLabelFilter(namespace()).exec())) {
            String name = service.getSpec().getName();
            String prefix = Naming.service(environment, "");
            String serviceName = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            var task = service.getSpec().getTaskTemplate();
            String image = task == null || task.getContainerSpec() == null ? null : task.getContainerSpec().getImage();
            Map<String, String> labels = service.getSpec().getLabels() == null ? Map.of() : service.getSpec().getLabels();
            running.put(serviceName, RunningImage.of(image, labels.get(Naming.IMAGE)));
        }
        return running;
    }

    @Override
    public List<String> sweep() throws DeployException {
        List<String> left = new ArrayList<>();
        for (Service service : call(() -> manager.listServicesCmd().withLabelFilter(namespace()).exec())) {
            left.add("service " + service.getSpec().getName());
        }
        for (Task task : call(() -> manager.listTasksCmd().withLabelFilter(namespace()).exec())) {
            TaskState state = task.getStatus() == null ? null : task.getStatus().getState();
            if (state != null && !FINISHED.contains(state)) {
                left.add("task " + task.getId().substring(0, 12) + " (" + state.name().toLowerCase() + ")");
            }
        }
        if (left.isEmpty()) {
            // A finished task's container may still exist: the node's agent removes it a moment later.
            left.addAll(containersLeft());
        }
        if (left.isEmpty()) {
            // Networks go last: Swarm refuses while a finished task still holds an endpoint.
            for (Network network : call(() -> manager.listNetworksCmd().withFilter("label", List.of(Naming.NAMESPACE + "=" + environment)).exec())) {
                try {
                    manager.removeNetworkCmd(network.getId()).exec();
                } catch (NotFoundException gone) {
                    continue;
                } catch (DockerException inUse) {
                    left.add("network " + network.getName() + " (still in use)");
                }
            }
        }
        return left;
    }

    /** Containers of the removed services still on the nodes whose engines the pool names. */
    private List<String> containersLeft() throws DeployException {
        List<String> left = new ArrayList<>();
        for (NodeEngine engine : engines) {
            if (unanswered.contains(engine.node().key().asText())) {
                continue;
            }
            List<Container> containers;
            try {
                containers = engine.client().listContainersCmd().withShowAll(true).withLabelFilter(namespace()).exec();
            } catch (RuntimeException e) {
                if (engine.ofEnvironment()) {
                    throw new DeployException(engine.node().displayName() + ": " + DockerErrors.describe(e), e);
                }
                unanswered.add(engine.node().key().asText());
                listener.message(engine.node().displayName() + " (not of " + environment + ") does not answer: "
                        + DockerErrors.describe(e) + "; whether its old containers are gone is known only from Swarm's tasks");
                continue;
            }
            for (Container container : containers) {
                String service = container.getLabels() == null ? null : container.getLabels().get("com.docker.swarm.service.id");
                if (service != null && removedServiceIds.contains(service)) {
                    left.add("container " + container.getId().substring(0, 12) + " (" + container.getState() + ") on "
                            + engine.node().displayName());
                }
            }
        }
        return left;
    }

    @Override
    public void createNetworks(DeployListener listener) throws DeployException {
        for (String name : usedNetworks()) {
            NetworkDef def = stack.networks().get(name);
            if (def != null && def.external()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>(def == null ? Map.of() : def.labels());
            labels.put(Naming.NAMESPACE, environment);
            String driver = def == null || def.driver() == null ? "overlay" : def.driver();
            labels.put(Naming.NETWORK, name);
            Map<String, String> options = def == null ? Map.of() : def.options();
            call(() -> manager.createNetworkCmd().withName(Naming.network(environment, name)).withDriver(driver)
                    .withOptions(options).withAttachable(true).withLabels(labels).withCheckDuplicate(true).exec());
        }
    }

    private List<String> usedNetworks() {
        return stack.services().values().stream().flatMap(s -> s.networks().stream()).distinct().sorted().toList();
    }

    @Override
    public String create(ServiceDef service) throws DeployException {
        String name = Naming.service(environment, service.name());
        var cmd = manager.createServiceCmd(SwarmServiceSpecs.of(service, environment, environmentConstraint(pool, environment), deployId));
        AuthConfig login = logins.get(service.name());
        if (login != null) {
            cmd.withAuthConfig(login); // X-Registry-Auth: the manager hands it to the nodes that run the tasks
        }
        call(cmd::exec);
        // Swarm creates the tasks; what runs is watched (and reported) while waiting for replicas.
        return service.name() + ": service " + name + " for "
                + (service.deploy().isGlobal() ? "a task on each of " + globalTargets.getOrDefault(service.name(), 0) + " hosts"
                : service.deploy().replicas() + (service.deploy().replicas() == 1 ? " replica" : " replicas"));
    }

    @Override
    public ServiceProgress progress(ServiceDef service) throws DeployException {
        String name = Naming.service(environment, service.name());
        List<Task> tasks = call(() -> manager.listTasksCmd().withServiceFilter(name).exec());
        Map<String, String> hostnames = hostnames();
        Map<String, Integer> perHost = new TreeMap<>();
        int running = 0;
        String problem = null;
        for (Task task : tasks) {
            TaskState state = task.getStatus() == null ? null : task.getStatus().getState();
            if (task.getDesiredState() == TaskState.RUNNING && state == TaskState.RUNNING) {
                running++;
                perHost.merge(hostnames.getOrDefault(task.getNodeId(), task.getNodeId()), 1, Integer::sum);
            } else if (task.getStatus() != null && task.getStatus().getErr() != null && !task.getStatus().getErr().isBlank()) {
                problem = task.getStatus().getErr();
            } else if (state == TaskState.PENDING && task.getStatus() != null && task.getStatus().getMessage() != null) {
                problem = "pending: " + task.getStatus().getMessage();
            }
        }
        int desired = service.deploy().isGlobal() ? globalTargets.getOrDefault(service.name(), 0) : service.deploy().replicas();
        // A task with a healthcheck is reported running by Swarm only once it is healthy.
        return new ServiceProgress(service.name(), desired, running, running, perHost, running >= desired ? null : problem);
    }

    @Override
    public void checkHostsAlive() throws DeployException {
        List<SwarmNode> nodes = call(() -> manager.listSwarmNodesCmd().exec());
        for (Host host : hosts) {
            SwarmNode node = nodes.stream().filter(n -> n.getId().equals(host.nodeId())).findFirst().orElse(null);
            if (node == null) {
                throw new DeployException(host.displayName() + " left the Swarm during the deploy");
            }
            SwarmNodeState state = node.getStatus() == null ? null : node.getStatus().getState();
            if (state != SwarmNodeState.READY) {
                throw new DeployException(host.displayName() + " went " + (state == null ? "unknown" : state.name().toLowerCase())
                        + " during the deploy (the manager lost contact with its engine)");
            }
        }
    }

    private Map<String, String> hostnames() {
        Map<String, String> names = new HashMap<>();
        hosts.forEach(h -> names.put(h.nodeId(), h.displayName()));
        return names;
    }

    private Map<String, String> namespace() {
        return Map.of(Naming.NAMESPACE, environment);
    }

    private interface ApiCall<T> {
        T run();
    }

    /** Every manager call: a failure names the manager and says what the engine answered. */
    private <T> T call(ApiCall<T> apiCall) throws DeployException {
        try {
            return apiCall.run();
        } catch (RuntimeException e) {
            throw new DeployException("Swarm manager " + pool.manager().uri() + ": " + DockerErrors.describe(e), e);
        }
    }
}
