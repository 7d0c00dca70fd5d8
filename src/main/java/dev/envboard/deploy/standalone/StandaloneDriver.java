package dev.envboard.deploy.standalone;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployException;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.EnvironmentDriver;
import dev.envboard.deploy.HealthChecks;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.Parallel;
import dev.envboard.deploy.ServiceProgress;
import dev.envboard.deploy.compose.NetworkDef;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Deploys an environment as plain containers spread over its standalone hosts. Nothing
 * reschedules here, so Envboard itself places, names ({@code qa_web_1}), starts and watches them.
 */
public final class StandaloneDriver implements EnvironmentDriver {
    private static final int DEFAULT_GRACE_SECONDS = 10;

    private final Stack stack;
    private final String environment;
    private final List<Host> hosts;
    private final Function<Host, DockerClient> quick;
    private final Function<Host, DockerClient> slow;
    private final Map<String, List<Placement>> placements;
    private final String deployId;

    /**
     * @param quick      a client per host for calls that answer at once
     * @param slow       a client per host for stops, which take up to the grace period
     * @param placements where each service's replicas go
     */
    public StandaloneDriver(Stack stack, List<Host> hosts, Function<Host, DockerClient> quick,
                            Function<Host, DockerClient> slow, Map<String, List<Placement>> placements, String deployId) {
        this.stack = stack;
        this.environment = stack.environment();
        this.hosts = List.copyOf(hosts);
        this.quick = quick;
        this.slow = slow;
        this.placements = Map.copyOf(placements);
        this.deployId = deployId;
    }

    @Override
    public List<String> remove(CancelToken cancel, DeployListener listener) throws DeployException {
        List<String> removed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Parallel.Work> work = new ArrayList<>();
        for (Host host : hosts) {
            for (Container container : call(host, () -> quick.apply(host).listContainersCmd().withShowAll(true)
                    .withLabelFilter(namespace()).exec())) {
                work.add(() -> {
                    removeContainer(host, container);
                    listener.message("removed " + name(container) + " on " + host.displayName());
                    removed.add(name(container) + " on " + host.displayName());
                });
            }
        }
        Parallel.runAll("remove", work);
        return removed;
    }

    private void removeContainer(Host host, Container container) throws DeployException {
        int grace = graceOf(container);
        call(host, () -> {
            try {
                // The grace period of the deployment that created it, not of the new one.
                slow.apply(host).stopContainerCmd(container.getId()).withTimeout(grace).exec();
            } catch (NotModifiedException alreadyStopped) {
                // fine
            }
            quick.apply(host).removeContainerCmd(container.getId()).withRemoveVolumes(true).withForce(true).exec();
            return null;
        });
    }

    @Override
    public List<String> sweep() throws DeployException {
        List<String> left = new ArrayList<>();
        for (Host host : hosts) {
            int before = left.size();
            DockerClient client = quick.apply(host);
            for (Container container : call(host, () -> client.listContainersCmd().withShowAll(true).withLabelFilter(namespace()).exec())) {
                left.add(name(container) + " on " + host.displayName());
            }
            for (Placement placement : placements.values().stream().flatMap(List::stream).filter(p -> p.host().is(host)).toList()) {
                if (exists(host, placement.containerName())) {
                    left.add("name " + placement.containerName() + " still taken on " + host.displayName());
                }
            }
            if (left.size() == before) { // nothing of the environment left on this host: its networks can go
                for (Network network : call(host, () -> client.listNetworksCmd().withFilter("label",
                        List.of(Naming.NAMESPACE + "=" + environment)).exec())) {
                    try {
                        client.removeNetworkCmd(network.getId()).exec();
                    } catch (NotFoundException gone) {
                        continue;
                    } catch (DockerException inUse) {
                        left.add("network " + network.getName() + " on " + host.displayName() + " (still in use)");
                    }
                }
            }
        }
        return left;
    }

    private boolean exists(Host host, String containerName) throws DeployException {
        return call(host, () -> {
            try {
                quick.apply(host).inspectContainerCmd(containerName).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public void createNetworks() throws DeployException {
        List<String> used = stack.services().values().stream().flatMap(s -> s.networks().stream()).distinct().sorted().toList();
        for (Host host : hosts) {
            for (String name : used) {
                NetworkDef def = stack.networks().get(name);
                if (def != null && def.external()) {
                    continue;
                }
                Map<String, String> labels = new HashMap<>(def == null ? Map.of() : def.labels());
                labels.put(Naming.NAMESPACE, environment);
                String driver = def == null || def.driver() == null ? "bridge" : def.driver();
                call(host, () -> quick.apply(host).createNetworkCmd().withName(Naming.network(environment, name))
                        .withDriver(driver).withLabels(labels).withCheckDuplicate(true).exec());
            }
        }
    }

    @Override
    public void create(ServiceDef service) throws DeployException {
        create(List.of(service));
    }

    /** Every replica of the level at once: the engines create and start containers concurrently. */
    @Override
    public void create(List<ServiceDef> level) throws DeployException {
        List<Parallel.Work> work = new ArrayList<>();
        for (ServiceDef service : level) {
            for (Placement placement : placements.getOrDefault(service.name(), List.of())) {
                work.add(() -> createReplica(service, placement));
            }
        }
        Parallel.runAll("create", work);
    }

    private void createReplica(ServiceDef service, Placement placement) throws DeployException {
        Host host = placement.host();
        DockerClient client = quick.apply(host);
        String id = call(host, () -> containerCmd(client, service, placement).exec().getId());
        for (String network : service.networks().subList(1, service.networks().size())) {
            call(host, () -> {
                client.connectToNetworkCmd().withNetworkId(networkName(network)).withContainerId(id)
                        .withContainerNetwork(new com.github.dockerjava.api.model.ContainerNetwork()
                                .withAliases(service.name())).exec();
                return null;
            });
        }
        call(host, () -> {
            client.startContainerCmd(id).exec();
            return null;
        });
    }

    private CreateContainerCmd containerCmd(DockerClient client, ServiceDef service, Placement placement) {
        Map<String, String> labels = new HashMap<>(service.labels());
        labels.put(Naming.NAMESPACE, environment);
        labels.put(Naming.SERVICE, service.name());
        labels.put(Naming.SLOT, String.valueOf(placement.slot()));
        labels.put(Naming.DEPLOY_ID, deployId);
        labels.put(Naming.STOP_GRACE, String.valueOf(service.stopGracePeriod().toSeconds()));
        labels.put(Naming.COMPOSE_PROJECT, environment);
        labels.put(Naming.COMPOSE_SERVICE, service.name());
        CreateContainerCmd cmd = client.createContainerCmd(service.image())
                .withName(placement.containerName())
                .withHostName(placement.containerName())
                .withLabels(labels)
                .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withStopTimeout((int) service.stopGracePeriod().toSeconds())
                .withHostConfig(ContainerHostConfigs.of(service, environment).withNetworkMode(networkName(service.networks().get(0))))
                .withAliases(service.name());
        ContainerHostConfigs.exposedPorts(service).ifPresent(cmd::withExposedPorts);
        if (service.entrypoint() != null) {
            cmd.withEntrypoint(service.entrypoint());
        }
        if (service.command() != null) {
            cmd.withCmd(service.command());
        }
        if (service.healthcheck() != null) {
            cmd.withHealthcheck(HealthChecks.of(service.healthcheck()));
        }
        return cmd;
    }

    private String networkName(String network) {
        NetworkDef def = stack.networks().get(network);
        return def != null && def.external() ? network : Naming.network(environment, network);
    }

    @Override
    public ServiceProgress progress(ServiceDef service) throws DeployException {
        List<Placement> mine = placements.getOrDefault(service.name(), List.of());
        Map<String, Integer> perHost = new TreeMap<>();
        int running = 0;
        int healthy = 0;
        String problem = null;
        for (Placement placement : mine) {
            Host host = placement.host();
            InspectContainerResponse container = call(host, () -> quick.apply(host).inspectContainerCmd(placement.containerName()).exec());
            InspectContainerResponse.ContainerState state = container.getState();
            boolean isRunning = Boolean.TRUE.equals(state.getRunning());
            String health = state.getHealth() == null ? null : state.getHealth().getStatus();
            if (isRunning) {
                running++;
                perHost.merge(host.displayName(), 1, Integer::sum);
                if (health == null || "healthy".equals(health)) {
                    healthy++;
                } else if ("unhealthy".equals(health)) {
                    problem = placement.containerName() + " on " + host.displayName() + " is unhealthy";
                }
            } else {
                problem = placement.containerName() + " on " + host.displayName() + " is " + state.getStatus()
                        + (state.getExitCodeLong() == null ? "" : " (exit code " + state.getExitCodeLong() + ")")
                        + (state.getError() == null || state.getError().isBlank() ? "" : ": " + state.getError());
            }
        }
        int desired = service.deploy().isGlobal() ? mine.size() : service.deploy().replicas();
        return new ServiceProgress(service.name(), desired, running, healthy, perHost, healthy >= desired ? null : problem);
    }

    @Override
    public void checkHostsAlive() throws DeployException {
        for (Host host : hosts) {
            call(host, () -> quick.apply(host).pingCmd().exec());
        }
    }

    private Map<String, String> namespace() {
        return Map.of(Naming.NAMESPACE, environment);
    }

    private static String name(Container container) {
        return container.getNames() == null || container.getNames().length == 0
                ? container.getId().substring(0, 12) : container.getNames()[0].replaceFirst("^/", "");
    }

    private static int graceOf(Container container) {
        String label = container.getLabels() == null ? null : container.getLabels().get(Naming.STOP_GRACE);
        try {
            return label == null ? DEFAULT_GRACE_SECONDS : Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return DEFAULT_GRACE_SECONDS;
        }
    }

    private interface HostCall<T> {
        T run();
    }

    /** Every engine call: a failure names the host, which is what the user needs to act on. */
    private static <T> T call(Host host, HostCall<T> hostCall) throws DeployException {
        try {
            return hostCall.run();
        } catch (RuntimeException e) {
            throw new DeployException(host.displayName() + ": " + DockerErrors.describe(e), e);
        }
    }
}
