package dev.envboard.deploy.standalone;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.envboard.deploy.DeployException;
import dev.envboard.deploy.DeployListener;
import dev.envboard.deploy.Naming;
import dev.envboard.deploy.compose.NetworkDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.Host;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment's networks on one standalone engine, made ready once the old deployment is gone.
 * A network that fits what the stack asks (driver, options, labels) is reused: the engine's
 * stale-endpoint fault can keep a network "in use" with no container on it, and that must not stop
 * a redeploy. One that does not fit is replaced: the old containers' stale endpoints are
 * force-disconnected, then it is removed; when it still cannot go, the new network gets a fresh
 * name, labelled with the environment, so a later redeploy removes the old one.
 */
final class EnvironmentNetworks {
    private final Stack stack;
    private final String environment;
    private final String deployId;

    EnvironmentNetworks(Stack stack, String deployId) {
        this.stack = stack;
        this.environment = stack.environment();
        this.deployId = deployId;
    }

    /** The networks the stack's services use, by their name in the stack. */
    List<String> used() {
        return stack.services().values().stream().flatMap(s -> s.networks().stream()).distinct().sorted().toList();
    }

    /**
     * @param endpointNames names whose stale endpoints may be cleared: the old containers' and the new ones'
     * @return for each network of the stack, the engine's name of the network to attach to
     */
    Map<String, String> prepare(Host host, DockerClient client, Set<String> endpointNames, DeployListener listener)
            throws DeployException {
        List<Network> existing = StandaloneDriver.call(host, () -> client.listNetworksCmd()
                .withFilter("label", List.of(Naming.NAMESPACE + "=" + environment)).exec());
        Map<String, String> chosen = new TreeMap<>();
        Set<String> handled = new HashSet<>();
        for (String logical : used()) {
            NetworkDef def = stack.networks().getOrDefault(logical, NetworkDef.plain(logical));
            if (def.external()) {
                chosen.put(logical, logical);
                continue;
            }
            Wanted wanted = wanted(def);
            List<Network> mine = existing.stream().filter(n -> logical.equals(logicalName(n))).toList();
            mine.forEach(n -> handled.add(n.getId()));
            Network fit = mine.stream().filter(wanted::fits)
                    .min(Comparator.comparing((Network n) -> !n.getName().equals(wanted.name())).thenComparing(Network::getName))
                    .orElse(null);
            if (fit != null) {
                clearStaleEndpoints(host, client, fit, endpointNames, listener);
                chosen.put(logical, fit.getName());
                for (Network old : mine) {
                    if (old != fit) { // e.g. the network an earlier run could not replace
                        removeOrSay(host, client, old, endpointNames, listener, "replaced by " + fit.getName());
                    }
                }
                continue;
            }
            for (Network old : mine) {
                removeOrSay(host, client, old, endpointNames, listener, "it does not fit the stack (driver, options or labels changed)");
            }
            chosen.put(logical, create(host, client, wanted, listener));
        }
        // Networks the stack no longer uses, or replaced by an earlier run: not a reason to fail.
        for (Network other : existing) {
            if (!handled.contains(other.getId())) {
                removeOrSay(host, client, other, endpointNames, listener, "the stack does not use it any more");
            }
        }
        return chosen;
    }

    /**
     * Removes every network of the environment on one engine (a teardown), clearing stale endpoints
     * of {@code endpointNames} first; says what it removed and what the engine still holds.
     */
    static List<String> removeAll(Host host, DockerClient client, Set<String> endpointNames, DeployListener listener,
                                  String environment) throws DeployException {
        List<Network> existing = StandaloneDriver.call(host, () -> client.listNetworksCmd()
                .withFilter("label", List.of(Naming.NAMESPACE + "=" + environment)).exec());
        List<String> held = new java.util.ArrayList<>();
        for (Network network : existing) {
            removeOrSay(host, client, network, endpointNames, listener, "the environment is torn down");
            if (exists(host, client, network.getId())) {
                held.add("network " + network.getName() + " on " + host.displayName());
            }
        }
        return held;
    }

    private record Wanted(String logical, String name, String driver, Map<String, String> options, Map<String, String> labels) {
        boolean fits(Network network) {
            return driver.equals(network.getDriver())
                    && options.equals(orEmpty(network.getOptions()))
                    && withoutLogical(labels).equals(withoutLogical(orEmpty(network.getLabels())));
        }
    }

    private Wanted wanted(NetworkDef def) {
        Map<String, String> labels = new HashMap<>(def.labels());
        labels.put(Naming.NAMESPACE, environment);
        labels.put(Naming.NETWORK, def.name());
        return new Wanted(def.name(), Naming.network(environment, def.name()), def.driver() == null ? "bridge" : def.driver(),
                def.options(), labels);
    }

    /** Its name in the stack: our label, or for networks made before that label, ENV_name. */
    private String logicalName(Network network) {
        String label = orEmpty(network.getLabels()).get(Naming.NETWORK);
        if (label != null) {
            return label;
        }
        String prefix = environment + "_";
        return network.getName().startsWith(prefix) ? network.getName().substring(prefix.length()) : network.getName();
    }

    private String create(Host host, DockerClient client, Wanted wanted, DeployListener listener) throws DeployException {
        String name = wanted.name();
        if (exists(host, client, name)) {
            name = Naming.freshNetwork(environment, wanted.logical(), deployId);
            listener.message("network " + wanted.name() + " on " + host.displayName() + " cannot be replaced yet; the new deployment uses "
                    + name + " (a later redeploy removes the old one)");
        }
        String chosen = name;
        StandaloneDriver.call(host, () -> client.createNetworkCmd().withName(chosen).withDriver(wanted.driver())
                .withOptions(wanted.options()).withLabels(wanted.labels()).withCheckDuplicate(true).exec());
        return chosen;
    }

    private static boolean exists(Host host, DockerClient client, String name) throws DeployException {
        return StandaloneDriver.call(host, () -> {
            try {
                client.inspectNetworkCmd().withNetworkId(name).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    /** Removes a network of the environment; when the engine refuses, says so and leaves it for a later redeploy. */
    private static void removeOrSay(Host host, DockerClient client, Network network, Set<String> endpointNames,
                                    DeployListener listener, String why) throws DeployException {
        clearStaleEndpoints(host, client, network, endpointNames, listener);
        try {
            client.removeNetworkCmd(network.getId()).exec();
            listener.message("removed network " + network.getName() + " on " + host.displayName() + ": " + why);
        } catch (NotFoundException gone) {
            // removed meanwhile
        } catch (DockerException stillHeld) {
            // The engine answered (usually "has active endpoints"): the new deployment does without it.
            listener.message("network " + network.getName() + " on " + host.displayName() + " is still held ("
                    + DockerErrors.describe(stillHeld) + "); left for a later redeploy");
        } catch (RuntimeException e) {
            throw new DeployException(host.displayName() + ": cannot remove network " + network.getName() + ": "
                    + DockerErrors.describe(e), e);
        }
    }

    /**
     * Clears endpoints left by containers that are gone (the engine's stale-endpoint fault), by
     * name: only names of the old or new containers, and only where no container has that name, so
     * a live container, ours or anyone's, is never disconnected.
     */
    private static void clearStaleEndpoints(Host host, DockerClient client, Network network, Set<String> names,
                                            DeployListener listener) throws DeployException {
        for (String name : names) {
            boolean live = StandaloneDriver.call(host, () -> {
                try {
                    client.inspectContainerCmd(name).exec();
                    return true;
                } catch (NotFoundException e) {
                    return false;
                }
            });
            if (live) {
                continue;
            }
            try {
                client.disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(name).withForce(true).exec();
                listener.message("cleared a stale endpoint " + name + " from network " + network.getName() + " on " + host.displayName());
            } catch (NotFoundException noSuchEndpoint) {
                // the usual case: nothing left behind under that name
            } catch (RuntimeException e) {
                listener.message("could not clear endpoint " + name + " from network " + network.getName() + " on "
                        + host.displayName() + ": " + DockerErrors.describe(e));
            }
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, String> withoutLogical(Map<String, String> labels) {
        Map<String, String> copy = new HashMap<>(labels);
        copy.remove(Naming.NETWORK);
        return copy;
    }
}
