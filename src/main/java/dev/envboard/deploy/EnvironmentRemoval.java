package dev.envboard.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.standalone.StandaloneDriver;
import dev.envboard.deploy.swarm.SwarmDriver;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.HostState;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Removes all of an environment for good (a demo's teardown): its containers on every engine of a
 * standalone pool, or its Swarm services, tasks and networks and their containers on the nodes;
 * waits until they are really gone; then reads the pool again for anything left. What could not
 * be removed is named, thing by thing, never thrown away. Holds the environment's deploy lock, so
 * no redeploy of it runs meanwhile. Blocking: off the FX thread.
 */
public final class EnvironmentRemoval {
    private static final Set<TaskState> FINISHED = EnumSet.of(TaskState.COMPLETE, TaskState.SHUTDOWN,
            TaskState.FAILED, TaskState.REJECTED, TaskState.ORPHANED, TaskState.REMOVE);

    /**
     * One thing of the environment still there.
     *
     * @param host the host it is on; null for what belongs to the whole Swarm (a service, an overlay network)
     * @param what named for the user: "container demo-acme_web_1 (running) on envboard-host-2"
     */
    public record Leftover(HostKey host, String what) {
    }

    /** @param left what is still there after the removal, read from the pool again: empty when it is all gone */
    public record Result(List<String> removed, List<Leftover> left) {
        public Result {
            removed = List.copyOf(removed);
            left = List.copyOf(left);
        }
    }

    private final DockerClients clients;
    private final PoolInspector inspector;
    private final DeployLocks locks;
    private final Clock clock;
    private final String user;
    private final Duration waitTimeout;

    public EnvironmentRemoval(DockerClients clients, PoolInspector inspector, DeployLocks locks, Clock clock, String user,
                              Duration waitTimeout) {
        this.clients = clients;
        this.inspector = inspector;
        this.locks = locks;
        this.clock = clock;
        this.user = user;
        this.waitTimeout = waitTimeout;
    }

    /**
     * Removes the environment everywhere in the pool and reports what is left.
     *
     * @throws DeployException refused before anything was removed: a redeploy of it runs, or the pool does not answer
     */
    public Result remove(PoolSpec pool, String environment, DeployListener listener, CancelToken cancel) throws DeployException {
        OffFxThread.check("EnvironmentRemoval.remove");
        try (DeployLocks.Held lock = locks.acquire(pool.name(), environment, user, clock.instant())) {
            PoolSnapshot snapshot = snapshot(pool);
            List<String> removed = pool.kind() == PoolKind.STANDALONE
                    ? removeStandalone(pool, snapshot, environment, listener, cancel)
                    : removeSwarm(pool, snapshot, environment, listener, cancel);
            return new Result(removed, leftovers(pool, environment));
        }
    }

    /** What of the environment is still in the pool (reads only): containers, services, tasks, networks. */
    public List<Leftover> leftovers(PoolSpec pool, String environment) {
        OffFxThread.check("EnvironmentRemoval.leftovers");
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
            return List.of(new Leftover(null, pool.name() + " is " + snapshot.status().label() + " (" + snapshot.message()
                    + "): whether anything of " + environment + " is left is unknown"));
        }
        List<Leftover> left = Collections.synchronizedList(new ArrayList<>());
        if (pool.kind() == PoolKind.STANDALONE) {
            for (Host host : snapshot.hosts()) {
                left.addAll(standaloneLeftovers(pool, host, environment));
            }
        } else {
            left.addAll(swarmLeftovers(pool, snapshot, environment));
        }
        return List.copyOf(left);
    }

    private PoolSnapshot snapshot(PoolSpec pool) throws DeployException {
        PoolSnapshot snapshot = inspector.inspect(pool).join();
        if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
            throw new DeployException(pool.name() + " is " + snapshot.status().label() + ": " + snapshot.message()
                    + "; nothing was removed");
        }
        return snapshot;
    }

    /** Each engine on its own: one that does not answer keeps what it holds, the others are emptied all the same. */
    private List<String> removeStandalone(PoolSpec pool, PoolSnapshot snapshot, String environment, DeployListener listener,
                                          CancelToken cancel) throws DeployException {
        List<String> removed = Collections.synchronizedList(new ArrayList<>());
        List<Parallel.Work> work = new ArrayList<>();
        String id = runId();
        for (Host host : snapshot.hosts()) {
            if (host.state() != HostState.READY) {
                listener.message(host.displayName() + " does not answer: what of " + environment + " it holds stays there");
                continue;
            }
            StandaloneDriver driver = new StandaloneDriver(empty(environment), List.of(host), h -> engine(pool, h),
                    h -> clients.slow(pool.engines().get(h.engineIndex()).endpoint()), Map.of(), id);
            work.add(() -> {
                try {
                    removed.addAll(driver.remove(cancel, listener));
                    awaitGone(driver, cancel, listener);
                    List<String> held = driver.removeNetworks(listener);
                    held.forEach(network -> listener.message(network + " is still held by the engine"));
                } catch (DeployException e) {
                    if (e.isCancelled()) {
                        throw e;
                    }
                    listener.message(host.displayName() + ": " + e.getMessage()); // what is left is read again below
                }
            });
        }
        Parallel.runAll("teardown", work);
        return removed;
    }

    private List<String> removeSwarm(PoolSpec pool, PoolSnapshot snapshot, String environment, DeployListener listener,
                                     CancelToken cancel) throws DeployException {
        List<Host> members = snapshot.hosts().stream().filter(h -> environment.equals(h.environment())).toList();
        SwarmDriver driver = new SwarmDriver(clients.quick(pool.manager()), pool, empty(environment), members, runId(), Map.of(),
                nodeEngines(pool, snapshot), listener, Map.of());
        List<String> removed = new ArrayList<>();
        try {
            removed.addAll(driver.remove(cancel, listener));
            awaitGone(driver, cancel, listener);
        } catch (DeployException e) {
            if (e.isCancelled()) {
                throw e;
            }
            listener.message(e.getMessage());
        }
        return removed;
    }

    /** Every node whose own engine the pool names: where a removed service's containers must be gone. */
    private List<SwarmDriver.NodeEngine> nodeEngines(PoolSpec pool, PoolSnapshot snapshot) {
        Map<HostKey, EndpointSpec> engines = new DeployValidator(clients).endpoints(pool, snapshot).byHost();
        List<SwarmDriver.NodeEngine> nodes = new ArrayList<>();
        for (Host node : snapshot.hosts()) {
            EndpointSpec endpoint = engines.get(node.key());
            if (endpoint != null && node.state() == HostState.READY) {
                nodes.add(new SwarmDriver.NodeEngine(node, clients.quick(endpoint), false));
            }
        }
        return nodes;
    }

    private void awaitGone(EnvironmentDriver driver, CancelToken cancel, DeployListener listener) throws DeployException {
        Deadline deadline = Deadline.in(clock, waitTimeout);
        List<String> left = driver.sweep();
        List<String> reported = List.of();
        while (!left.isEmpty()) {
            cancel.check("waiting until it is gone (" + String.join(", ", left) + ")");
            if (deadline.passed()) {
                throw new DeployException("still not gone after " + waitTimeout.toSeconds() + " s: " + String.join(", ", left));
            }
            if (!left.equals(reported)) {
                listener.message("waiting for " + left.size() + " to go: " + String.join(", ", left));
                reported = left;
            }
            try {
                Thread.sleep(RedeployService.POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException("interrupted", true);
            }
            left = driver.sweep();
        }
    }

    private List<Leftover> standaloneLeftovers(PoolSpec pool, Host host, String environment) {
        if (host.state() != HostState.READY) {
            return List.of(new Leftover(host.key(), host.displayName() + " does not answer" + (host.error() == null ? "" : " ("
                    + host.error() + ")") + ": whatever of " + environment + " it holds (containers, networks) is still there"));
        }
        List<Leftover> left = new ArrayList<>();
        try {
            DockerClient client = engine(pool, host);
            for (Container container : client.listContainersCmd().withShowAll(true).withLabelFilter(namespace(environment)).exec()) {
                left.add(new Leftover(host.key(), "container " + name(container) + " (" + container.getState() + ") on "
                        + host.displayName()));
            }
            for (Network network : client.listNetworksCmd().withFilter("label", List.of(Naming.NAMESPACE + "=" + environment)).exec()) {
                left.add(new Leftover(host.key(), "network " + network.getName() + " on " + host.displayName()));
            }
        } catch (RuntimeException e) {
            left.add(new Leftover(host.key(), host.displayName() + " could not be checked: " + DockerErrors.describe(e)));
        }
        return left;
    }

    private List<Leftover> swarmLeftovers(PoolSpec pool, PoolSnapshot snapshot, String environment) {
        List<Leftover> left = new ArrayList<>();
        DockerClient manager = clients.quick(pool.manager());
        try {
            for (Service service : manager.listServicesCmd().withLabelFilter(namespace(environment)).exec()) {
                left.add(new Leftover(null, "service " + service.getSpec().getName()));
            }
            for (Task task : manager.listTasksCmd().withLabelFilter(namespace(environment)).exec()) {
                TaskState state = task.getStatus() == null ? null : task.getStatus().getState();
                if (state != null && !FINISHED.contains(state)) {
                    left.add(new Leftover(null, "task " + task.getId().substring(0, 12) + " (" + state.name().toLowerCase() + ")"));
                }
            }
            for (Network network : manager.listNetworksCmd().withFilter("label", List.of(Naming.NAMESPACE + "=" + environment)).exec()) {
                left.add(new Leftover(null, "network " + network.getName()));
            }
        } catch (RuntimeException e) {
            left.add(new Leftover(null, "the Swarm manager " + pool.manager().uri() + " could not be checked: " + DockerErrors.describe(e)));
        }
        Map<HostKey, EndpointSpec> engines = new DeployValidator(clients).endpoints(pool, snapshot).byHost();
        for (Host node : snapshot.hosts()) {
            EndpointSpec endpoint = engines.get(node.key());
            if (endpoint == null) {
                continue; // Swarm's tasks above are all that can be known of it
            }
            try {
                for (Container container : clients.quick(endpoint).listContainersCmd().withShowAll(true)
                        .withLabelFilter(namespace(environment)).exec()) {
                    left.add(new Leftover(node.key(), "container " + name(container) + " (" + container.getState() + ") on "
                            + node.displayName()));
                }
            } catch (RuntimeException e) {
                left.add(new Leftover(node.key(), node.displayName() + "'s engine does not answer (" + DockerErrors.describe(e)
                        + "): whether containers of " + environment + " are left there is unknown"));
            }
        }
        return left;
    }

    private DockerClient engine(PoolSpec pool, Host host) {
        return clients.quick(pool.engines().get(host.engineIndex()).endpoint());
    }

    private static Stack empty(String environment) {
        return new Stack(null, environment, Map.of(), Map.of(), List.of(), null);
    }

    private static Map<String, String> namespace(String environment) {
        return Map.of(Naming.NAMESPACE, environment);
    }

    private static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String name(Container container) {
        return container.getNames() == null || container.getNames().length == 0
                ? container.getId().substring(0, 12) : container.getNames()[0].replaceFirst("^/", "");
    }
}
