package dev.envboard.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.envboard.deploy.compose.PortMapping;
import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.deploy.standalone.Placement;
import dev.envboard.deploy.standalone.StandalonePlacer;
import dev.envboard.docker.DockerClients;
import dev.envboard.docker.DockerErrors;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.Availability;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.HostWarning;
import dev.envboard.pool.HostState;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.placement.Constraint;
import dev.envboard.pool.placement.NodeFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a redeploy checks before it touches anything: the environment has hosts and all of
 * them answer, every service can be placed, no port is published twice on a host, and every image
 * that will not be pulled (pull policy never) is already on each host that may run it. An image with
 * pull policy missing is looked for too, and the hosts that lack it are where it will be pulled.
 */
final class DeployValidator {
    private final DockerClients clients;

    DeployValidator(DockerClients clients) {
        this.clients = clients;
    }

    /** @param pullFor the run's pull policy ({@code --pull}), or null to follow each service's own */
    DeployPlan validate(PoolSpec pool, PoolSnapshot snapshot, Stack stack, PullPolicy pullFor) throws DeployException {
        String environment = stack.environment();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Host> members = snapshot.hosts().stream().filter(h -> environment.equals(h.environment())).toList();
        if (members.isEmpty()) {
            throw new DeployException(environment + " has no hosts: move hosts into it on the board first; nothing was changed");
        }
        members.stream().flatMap(h -> h.warnings().stream()).map(HostWarning::message).distinct().forEach(warnings::add);
        List<Host> usable = new ArrayList<>();
        for (Host host : members) {
            if (host.state() == HostState.READY && host.availability() == Availability.ACTIVE) {
                usable.add(host);
            } else if (snapshot.kind() == PoolKind.STANDALONE) {
                // Its containers could not be removed: refuse rather than leave half an environment.
                errors.add(host.displayName() + " (" + environment + ") is " + host.state().label()
                        + (host.error() == null ? "" : ": " + host.error()));
            } else {
                warnings.add(host.displayName() + " is " + host.state().label() + "/" + host.availability().label()
                        + ": Swarm places nothing there");
            }
        }
        if (snapshot.kind() == PoolKind.STANDALONE) {
            refuseUnknownHosts(snapshot, environment, errors);
        }
        Map<String, List<Host>> eligible = new LinkedHashMap<>();
        for (ServiceDef service : stack.services().values()) {
            eligible.put(service.name(), eligibleHosts(pool, snapshot.kind(), service, usable));
            checkCapacity(stack, service, eligible.get(service.name()), environment, errors);
        }
        Map<String, List<Placement>> placements = new HashMap<>();
        if (snapshot.kind() == PoolKind.STANDALONE) {
            StandalonePlacer placer = new StandalonePlacer();
            for (ServiceDef service : stack.services().values()) {
                List<Placement> placed = placer.place(environment, service, usable);
                placements.put(service.name(), placed);
                checkPlaced(stack, service, placed, eligible.get(service.name()), errors);
            }
            checkPorts(stack, placements, errors);
        } else {
            checkHostModePorts(stack, eligible, environment, errors);
        }
        List<SkippedCheck> skipped = new ArrayList<>();
        Endpoints endpoints = endpoints(pool, snapshot);
        Map<String, List<Host>> lacking = new LinkedHashMap<>();
        checkImages(pool, endpoints, stack, eligible, pullFor, lacking, errors, skipped);
        if (!errors.isEmpty()) {
            throw new DeployException("the deploy of " + environment + " was refused; nothing was changed:\n  "
                    + String.join("\n  ", errors));
        }
        Map<String, Integer> globalTargets = new HashMap<>();
        eligible.forEach((service, hosts) -> globalTargets.put(service, hosts.size()));
        return new DeployPlan(stack, usable, placements, globalTargets, warnings, skipped, snapshot.hosts(), endpoints.byHost(),
                eligible, lacking);
    }

    /**
     * A standalone engine that does not answer cannot say its environment: it may run part of this
     * one, which could then be neither removed nor replaced there. Refuse, naming it.
     */
    private static void refuseUnknownHosts(PoolSnapshot snapshot, String environment, List<String> errors) {
        for (Host host : snapshot.hosts()) {
            if (host.state() != HostState.READY && host.environment() == null) {
                errors.add(host.displayName() + " (" + host.where() + ") did not answer"
                        + (host.error() == null ? "" : ": " + host.error())
                        + "; Envboard cannot tell whether it runs part of " + environment
                        + " (bring its engine back, or take it out of pools.yaml)");
            }
        }
    }

    private static List<Host> eligibleHosts(PoolSpec pool, PoolKind kind, ServiceDef service, List<Host> usable) {
        if (kind == PoolKind.STANDALONE) {
            return StandalonePlacer.eligible(service, usable);
        }
        List<Constraint> constraints = service.deploy().constraints().stream().map(Constraint::parse).toList();
        return usable.stream().filter(h -> Constraint.allMatch(constraints, swarmFacts(pool, h))).toList();
    }

    private static NodeFacts swarmFacts(PoolSpec pool, Host host) {
        Map<String, String> nodeLabels = pool.labelScope() == LabelScope.NODE ? host.labels() : Map.of();
        return new NodeFacts(host.nodeId(), host.hostname(), host.role().label(), "linux", "", nodeLabels, host.engineLabels());
    }

    private static void checkCapacity(Stack stack, ServiceDef service, List<Host> hosts, String environment, List<String> errors) {
        String where = stack.file() + ":" + service.line(service.deploy().constraints().isEmpty() ? "deploy.replicas" : "deploy.placement.constraints");
        String needs = service.deploy().constraints().isEmpty() ? "" : " that satisfy " + service.deploy().constraints();
        if (service.deploy().isGlobal()) {
            if (hosts.isEmpty()) {
                errors.add(where + ": services." + service.name() + ": no host of " + environment + needs);
            }
            return;
        }
        int replicas = service.deploy().replicas();
        int max = service.deploy().maxReplicasPerNode();
        if (replicas > 0 && hosts.isEmpty()) {
            errors.add(where + ": services." + service.name() + ": no host of " + environment + needs);
        } else if (max > 0 && (long) hosts.size() * max < replicas) {
            errors.add(stack.file() + ":" + service.line("deploy.placement.max_replicas_per_node") + ": services." + service.name()
                    + ": " + replicas + " replicas at most " + max + " per host need " + ((replicas + max - 1) / max)
                    + " hosts; " + environment + " has " + hosts.size() + needs);
        }
    }

    /**
     * The placer's answer is what will be created: fewer replicas than asked is a refusal here,
     * never a deploy that waits for replicas nobody creates.
     */
    private static void checkPlaced(Stack stack, ServiceDef service, List<Placement> placed, List<Host> eligible,
                                    List<String> errors) {
        int wanted = service.deploy().isGlobal() ? eligible.size() : service.deploy().replicas();
        int max = service.deploy().maxReplicasPerNode();
        boolean fits = max == 0 || (long) eligible.size() * max >= wanted; // else checkCapacity said why
        if (placed.size() < wanted && !eligible.isEmpty() && fits) {
            errors.add(stack.file() + ":" + service.line("deploy.replicas") + ": services." + service.name() + ": only "
                    + placed.size() + " of " + wanted + " replicas can be placed on "
                    + String.join(", ", eligible.stream().map(Host::displayName).toList()));
        }
    }

    private static void checkPorts(Stack stack, Map<String, List<Placement>> placements, List<String> errors) {
        Map<String, String> taken = new HashMap<>();
        for (ServiceDef service : stack.services().values()) {
            for (Placement placement : placements.get(service.name())) {
                for (PortMapping port : service.ports()) {
                    if (port.published() == 0) {
                        continue;
                    }
                    String key = placement.host().key().asText() + ":" + port.published() + "/" + port.protocol();
                    String previous = taken.putIfAbsent(key, placement.containerName());
                    if (previous != null) {
                        errors.add(stack.file() + ":" + service.line("ports") + ": services." + service.name() + ": port "
                                + port.published() + " would be published twice on " + placement.host().displayName()
                                + " (" + previous + " and " + placement.containerName() + "); set deploy.placement.max_replicas_per_node: 1");
                    }
                }
            }
        }
    }

    /**
     * Swarm publishes a host-mode port once per node: a task that finds it taken on every node it may
     * run on stays pending for ever, and the redeploy would wait for it until it gives up. Refused
     * when the services publishing one port ask for more tasks than the nodes they may run on (so
     * some node would need it twice); a stack this lets through may still meet a port that
     * something outside the environment holds.
     */
    private static void checkHostModePorts(Stack stack, Map<String, List<Host>> eligible, String environment,
                                           List<String> errors) {
        Map<String, Integer> tasks = new LinkedHashMap<>();
        Map<String, Set<HostKey>> nodes = new HashMap<>();
        Map<String, List<ServiceDef>> services = new HashMap<>();
        for (ServiceDef service : stack.services().values()) {
            List<Host> hosts = eligible.get(service.name());
            for (PortMapping port : service.ports()) {
                if (port.published() == 0 || !"host".equals(port.mode())) {
                    continue;
                }
                String key = port.published() + "/" + port.protocol();
                tasks.merge(key, service.deploy().isGlobal() ? hosts.size() : service.deploy().replicas(), Integer::sum);
                hosts.forEach(h -> nodes.computeIfAbsent(key, k -> new HashSet<>()).add(h.key()));
                services.computeIfAbsent(key, k -> new ArrayList<>()).add(service);
            }
        }
        tasks.forEach((key, wanted) -> {
            int room = nodes.getOrDefault(key, Set.of()).size();
            if (wanted > room) {
                ServiceDef first = services.get(key).get(0);
                errors.add(stack.file() + ":" + first.line("ports") + ": services."
                        + String.join(", services.", services.get(key).stream().map(ServiceDef::name).toList()) + ": port " + key
                        + " is published in host mode, which Swarm allows once per node: " + wanted + " tasks need " + wanted
                        + " nodes; " + environment + " has " + room + " where they may run (fewer replicas, or deploy.mode: global)");
            }
        });
    }

    /**
     * Images that will not be pulled must already be on every host that may run the service:
     * pulling after the teardown is too late. Where that cannot be asked (a Swarm node without an
     * engine endpoint, an engine call that failed), the check is skipped, never passed; on a
     * standalone host it is a refusal. An image that is pulled anyway (policy always) is not looked
     * for here; with policy missing, the hosts that lack it go to {@code lacking}, not to the errors.
     */
    private void checkImages(PoolSpec pool, Endpoints endpoints, Stack stack, Map<String, List<Host>> eligible,
                             PullPolicy pullFor, Map<String, List<Host>> lacking, List<String> errors,
                             List<SkippedCheck> skipped) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        Map<HostKey, Set<String>> unchecked = new LinkedHashMap<>();
        Map<HostKey, Set<String>> unpulled = new LinkedHashMap<>();
        Map<HostKey, String> whyUnchecked = new HashMap<>();
        Map<HostKey, Host> byKey = new HashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (ServiceDef service : stack.services().values()) {
            PullPolicy policy = PullPolicy.effective(pullFor, service);
            for (Host host : eligible.get(service.name())) {
                byKey.put(host.key(), host);
                EndpointSpec endpoint = endpoints.byHost().get(host.key());
                if (endpoint == null) {
                    // Swarm will pull it there itself (the registry auth is sent), but nothing proves it can.
                    (policy == PullPolicy.NEVER ? unchecked : unpulled).computeIfAbsent(host.key(), k -> new TreeSet<>())
                            .add(service.image());
                    whyUnchecked.putIfAbsent(host.key(), endpoints.whyNone());
                    continue;
                }
                if (policy == PullPolicy.ALWAYS) {
                    continue;
                }
                String key = host.key().asText() + "|" + service.image();
                if (!seen.containsKey(key)) {
                    try {
                        seen.put(key, imagePresent(endpoint, service.image()));
                    } catch (RuntimeException e) {
                        String why = "the engine did not answer: " + DockerErrors.describe(e);
                        if (pool.kind() == PoolKind.STANDALONE) {
                            errors.add(host.displayName() + ": cannot check image " + service.image() + ": " + why);
                        } else {
                            unchecked.computeIfAbsent(host.key(), k -> new TreeSet<>()).add(service.image());
                            whyUnchecked.putIfAbsent(host.key(), why);
                        }
                        seen.put(key, true); // not missing: reported above as what it is
                    }
                }
                if (!seen.get(key)) {
                    if (policy == PullPolicy.MISSING) {
                        lacking.computeIfAbsent(service.name(), k -> new ArrayList<>()).add(host);
                    } else {
                        missing.computeIfAbsent(service.image() + " (" + service.name() + ")", k -> new TreeSet<>()).add(host.displayName());
                    }
                }
            }
        }
        missing.forEach((image, hosts) -> errors.add("image " + image + " is missing on " + String.join(", ", hosts)
                + ": its pull policy is never, so it is not pulled; load it there first (docker load or docker import), "
                + "or let it be pulled (pull_policy: missing or always, or --pull)"));
        unchecked.forEach((key, images) -> skipped.add(SkippedCheck.of("images " + String.join(", ", images), key.asText(),
                byKey.get(key).displayName(), whyUnchecked.get(key))));
        unpulled.forEach((key, images) -> skipped.add(SkippedCheck.of("pull of " + String.join(", ", images), key.asText(),
                byKey.get(key).displayName(), whyUnchecked.get(key) + "; Swarm pulls it there only when a task starts")));
    }

    private boolean imagePresent(EndpointSpec endpoint, String image) {
        try {
            clients.quick(endpoint).inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The engine endpoint of each host that has one, and why the others have none. */
    record Endpoints(Map<HostKey, EndpointSpec> byHost, String whyNone) {
    }

    /**
     * Which endpoint reaches each host's own engine: a standalone host is its engine entry; a Swarm
     * node the engine entry at its address (or of its name, where no other node has that name), or
     * the manager endpoint for the manager's own node.
     */
    Endpoints endpoints(PoolSpec pool, PoolSnapshot snapshot) {
        Map<HostKey, EndpointSpec> byHost = new HashMap<>();
        String whyNone = "no engines: entry in pools.yaml reaches this node's engine";
        for (Host host : snapshot.hosts()) {
            if (pool.kind() == PoolKind.STANDALONE && host.engineIndex() >= 0) {
                byHost.put(host.key(), pool.engines().get(host.engineIndex()).endpoint());
                continue;
            }
            long sameName = snapshot.hosts().stream().filter(h -> h.hostname().equals(host.hostname())).count();
            pool.engines().stream()
                    .filter(e -> (e.address() != null && e.address().equals(host.address()))
                            || (sameName == 1 && host.hostname().equals(e.name())))
                    .map(EngineSpec::endpoint).findFirst().ifPresent(endpoint -> byHost.put(host.key(), endpoint));
        }
        if (pool.manager() != null) {
            try {
                var swarm = clients.quick(pool.manager()).infoCmd().exec().getSwarm();
                if (swarm != null && swarm.getNodeID() != null) {
                    byHost.putIfAbsent(HostKey.node(pool.name(), swarm.getNodeID()), pool.manager());
                }
            } catch (RuntimeException e) {
                whyNone += " (and the manager could not say which node it is: " + DockerErrors.describe(e) + ")";
            }
        }
        return new Endpoints(byHost, whyNone);
    }

}
