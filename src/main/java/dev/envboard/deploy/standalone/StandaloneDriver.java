package dev.envboard.deploy.standalone;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.DeployException;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.EnvironmentDriver;
import dev.envboard.deploy.HealthChecks;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.Parallel;
import dev.envboard.deploy.RunningImage;
import dev.envboard.deploy.ServiceProgress;
import dev.envboard.deploy.compose.NetworkDef;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    private final EnvironmentNetworks networks;
    /** Per host: names of the containers the teardown removed, whose stale endpoints may be cleared. */
    private final Map<HostKey, Set<String>> oldNames = new ConcurrentHashMap<>();
    /** Per host: the engine's network for each network of the stack (a replacement may have a fresh name). */
    private final Map<HostKey, Map<String, String>> networkNames = new ConcurrentHashMap<>();

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
        this.networks = new EnvironmentNetworks(stack, deployId);
    }

    @Override
    public List<String> remove(CancelToken cancel, DeployListener listener) throws DeployException {
        List<String> removed = Collections.synchronizedList(new ArrayList<>());
        List<Parallel.Work> work = new ArrayList<>();
        for (Host host : hosts) {
            for (Container container : call(host, () -> quick.apply(host).listContainersCmd().withShowAll(true)
                    .withLabelFilter(namespace()).exec())) {
                oldNames.computeIfAbsent(host.key(), k -> ConcurrentHashMap.newKeySet()).add(name(container));
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

    /**
     * Per service, the image of its first container found: the tag from the label a pinned deploy
     * leaves (else the image as created), the digest from the reference or the image's RepoDigests.
     */
    @Override
    public Map<String, RunningImage> running() throws DeployException {
        Map<String, RunningImage> running = new TreeMap<>();
        for (Host host : hosts) {
            DockerClient client = quick.apply(host);
            for (Container container : call(host, () -> client.listContainersCmd().withShowAll(true).withLabelFilter(namespace()).exec())) {
                Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
                String service = labels.getOrDefault(Naming.SERVICE, labels.get(Naming.COMPOSE_SERVICE));
                if (service == null || running.containsKey(service)) {
                    continue;
                }
                RunningImage image = RunningImage.of(container.getImage(), labels.get(Naming.IMAGE));
                if (image.digest() == null && container.getImageId() != null) {
                    image = new RunningImage(image.image(), repoDigest(host, client, container.getImageId(), image.image()));
                }
                running.put(service, image);
            }
        }
        return running;
    }

    /** The digest the engine recorded when it pulled the image from {@code image}'s repository; null for an imported one. */
    private static String repoDigest(Host host, DockerClient client, String imageId, String image) throws DeployException {
        List<String> digests = call(host, () -> {
            try {
                List<String> found = client.inspectImageCmd(imageId).exec().getRepoDigests();
                return found == null ? List.<String>of() : found;
            } catch (NotFoundException gone) {
                return List.<String>of();
            }
        });
        String repository = image.replaceFirst("(:[^/:]*)?$", "");
        return digests.stream().filter(d -> d.startsWith(repository + "@")).map(d -> d.substring(d.indexOf('@') + 1))
                .findFirst().orElse(null);
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

    /**
     * Gone once its containers are removed and their names are free. Networks are not waited for:
     * the new deployment reuses or replaces them (see {@link EnvironmentNetworks}).
     */
    @Override
    public List<String> sweep() throws DeployException {
        List<String> left = new ArrayList<>();
        for (Host host : hosts) {
            DockerClient client = quick.apply(host);
            for (Container container : call(host, () -> client.listContainersCmd().withShowAll(true).withLabelFilter(namespace()).exec())) {
                left.add(name(container) + " on " + host.displayName());
            }
            for (Placement placement : placementsOn(host)) {
                if (exists(host, placement.containerName())) {
                    left.add("name " + placement.containerName() + " still taken on " + host.displayName());
                }
            }
        }
        return left;
    }

    private List<Placement> placementsOn(Host host) {
        return placements.values().stream().flatMap(List::stream).filter(p -> p.host().is(host)).toList();
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

    /**
     * Removes the environment's networks on its hosts (a teardown, once its containers are gone);
     * returns those an engine still holds, named.
     */
    public List<String> removeNetworks(DeployListener listener) throws DeployException {
        List<String> held = Collections.synchronizedList(new ArrayList<>());
        List<Parallel.Work> work = new ArrayList<>();
        for (Host host : hosts) {
            work.add(() -> held.addAll(EnvironmentNetworks.removeAll(host, quick.apply(host),
                    oldNames.getOrDefault(host.key(), Set.of()), listener, environment)));
        }
        Parallel.runAll("networks", work);
        return held;
    }

    @Override
    public void createNetworks(DeployListener listener) throws DeployException {
        List<Parallel.Work> work = new ArrayList<>();
        for (Host host : hosts) {
            work.add(() -> {
                Set<String> endpointNames = new HashSet<>(oldNames.getOrDefault(host.key(), Set.of()));
                placementsOn(host).forEach(p -> endpointNames.add(p.containerName()));
                networkNames.put(host.key(), networks.prepare(host, quick.apply(host), endpointNames, listener));
            });
        }
        Parallel.runAll("networks", work);
    }

    @Override
    public String create(ServiceDef service) throws DeployException {
        return create(List.of(service)).get(0);
    }

    /** Every replica of the level at once: the engines create and start containers concurrently. */
    @Override
    public List<String> create(List<ServiceDef> level) throws DeployException {
        List<Parallel.Work> work = new ArrayList<>();
        Map<String, List<Placement>> started = new ConcurrentHashMap<>();
        for (ServiceDef service : level) {
            List<Placement> mine = placements.getOrDefault(service.name(), List.of());
            int wanted = service.deploy().isGlobal() ? mine.size() : service.deploy().replicas();
            if (mine.size() < wanted) { // validation refuses this; never start a deploy that cannot be whole
                throw new DeployException("only " + mine.size() + " of " + wanted + " replicas of " + service.name() + " were placed");
            }
            for (Placement placement : mine) {
                work.add(() -> {
                    createReplica(service, placement);
                    started.computeIfAbsent(service.name(), k -> Collections.synchronizedList(new ArrayList<>())).add(placement);
                });
            }
        }
        Parallel.runAll("create", work);
        List<String> created = new ArrayList<>();
        for (ServiceDef service : level) {
            List<Placement> done = started.getOrDefault(service.name(), List.of());
            Map<String, Integer> perHost = new TreeMap<>();
            done.forEach(p -> perHost.merge(p.host().displayName(), 1, Integer::sum));
            created.add(service.name() + ": " + done.size() + (done.size() == 1 ? " container" : " containers")
                    + (perHost.isEmpty() ? "" : " (" + String.join(", ", perHost.entrySet().stream()
                    .map(e -> e.getValue() + " on " + e.getKey()).toList()) + ")"));
        }
        return created;
    }

    private void createReplica(ServiceDef service, Placement placement) throws DeployException {
        Host host = placement.host();
        DockerClient client = quick.apply(host);
        String id = call(host, () -> containerCmd(client, service, placement).exec().getId());
        for (String network : service.networks().subList(1, service.networks().size())) {
            call(host, () -> {
                client.connectToNetworkCmd().withNetworkId(networkName(host, network)).withContainerId(id)
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
                .withHostConfig(ContainerHostConfigs.of(service, environment).withNetworkMode(networkName(placement.host(), service.networks().get(0))))
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

    /** The engine's network for a network of the stack on that host: as prepared, or by its usual name. */
    private String networkName(Host host, String network) {
        String prepared = networkNames.getOrDefault(host.key(), Map.of()).get(network);
        if (prepared != null) {
            return prepared;
        }
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

    interface HostCall<T> {
        T run();
    }

    /** Every engine call: a failure names the host, which is what the user needs to act on. */
    static <T> T call(Host host, HostCall<T> hostCall) throws DeployException {
        try {
            return hostCall.run();
        } catch (RuntimeException e) {
            throw new DeployException(host.displayName() + ": " + DockerErrors.describe(e), e);
        }
    }
}
