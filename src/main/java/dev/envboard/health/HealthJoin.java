package dev.envboard.health;

import com.ecwid.consul.v1.catalog.model.Node;
import com.ecwid.consul.v1.health.model.Check;
import com.ecwid.consul.v1.health.model.HealthService;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Joins Consul's answers (services' health, every check, the node catalog) with the pool's hosts
 * into a snapshot. Pure: the same inputs give the same snapshot, so a host moving to another
 * environment is re-joined without asking Consul again.
 */
final class HealthJoin {
    /** Consul's answers as last received; a null list was not received yet. */
    record Answers(Map<String, List<HealthService>> services, List<Check> checks, List<Node> nodes) {
    }

    /** How the reading went: the state, and for a state other than OK what is wrong. */
    record Reading(ConsulState state, String problem, boolean partial, Instant at) {
    }

    private record Verdict(HealthStatus status, String reason) {
    }

    private HealthJoin() {
    }

    static HealthSnapshot join(PoolSpec pool, List<Host> hosts, Answers answers, Reading reading) {
        HostMatcher matcher = new HostMatcher(hosts, pool.consul() == null ? Map.of() : pool.consul().nodes());
        List<ServiceInstance> instances = new ArrayList<>();
        Map<String, String> nodeAddresses = new TreeMap<>();
        Map<String, List<HealthCheck>> nodeChecks = new TreeMap<>();
        if (answers.nodes() != null) {
            answers.nodes().forEach(n -> nodeAddresses.put(n.getNode(), n.getAddress()));
        }
        // The services' lists are re-read only when the catalog changes; check statuses come from
        // the state/any watch, which follows every check, so they win once it has answered.
        Map<String, List<HealthCheck>> freshByNode = new TreeMap<>();
        if (answers.checks() != null) {
            answers.checks().stream().map(HealthJoin::check)
                    .forEach(c -> freshByNode.computeIfAbsent(c.node(), n -> new ArrayList<>()).add(c));
        }
        for (List<HealthService> entries : new TreeMap<>(answers.services()).values()) {
            for (HealthService entry : entries) {
                instances.add(instance(entry, matcher, pool.labelKey(), answers.checks() == null ? null : freshByNode));
                nodeAddresses.putIfAbsent(entry.getNode().getNode(), entry.getNode().getAddress());
                if (answers.checks() == null) {
                    // Until /v1/health/state/any answers, the services' lists carry their nodes' checks.
                    instances.get(instances.size() - 1).checks().stream().filter(HealthCheck::isNodeCheck)
                            .forEach(c -> addOnce(nodeChecks, c));
                }
            }
        }
        if (answers.checks() != null) {
            answers.checks().stream().map(HealthJoin::check).filter(HealthCheck::isNodeCheck)
                    .forEach(c -> addOnce(nodeChecks, c));
        }
        nodeChecks.keySet().forEach(node -> nodeAddresses.putIfAbsent(node, null));
        List<NodeHealth> nodes = new ArrayList<>();
        nodeAddresses.forEach((node, address) -> {
            List<HealthCheck> checks = nodeChecks.getOrDefault(node, List.of());
            Verdict verdict = verdict(checks);
            String host = matcher.hostOf(node, address, null).map(Host::displayName).orElse(null);
            nodes.add(new NodeHealth(node, address, host, verdict.status(), verdict.reason(), checks));
        });
        instances.sort(Comparator.comparing(ServiceInstance::service).thenComparing(ServiceInstance::node)
                .thenComparing(ServiceInstance::id));
        if (reading.state() != ConsulState.OK) {
            // Kept for reference, but nothing in it may read as current, let alone healthy.
            instances.replaceAll(i -> i.withStatus(HealthStatus.UNKNOWN, null));
            nodes.replaceAll(n -> n.withStatus(HealthStatus.UNKNOWN, null));
        }
        String message = reading.state() == ConsulState.OK ? summary(answers, instances, nodes, reading.partial()) : reading.problem();
        return new HealthSnapshot(pool.name(), reading.state(), message, reading.partial(), reading.at(), instances, nodes);
    }

    static HealthCheck check(Check c) {
        HealthStatus status;
        if (HealthCheck.isMaintenanceId(c.getCheckId())) {
            status = HealthStatus.MAINTENANCE;
        } else if (c.getStatus() == null) {
            status = HealthStatus.UNKNOWN;
        } else {
            status = switch (c.getStatus()) {
                case PASSING -> HealthStatus.PASSING;
                case WARNING -> HealthStatus.WARNING;
                case CRITICAL -> HealthStatus.CRITICAL;
                default -> HealthStatus.UNKNOWN;
            };
        }
        return new HealthCheck(c.getNode(), c.getCheckId(), c.getName(), status, c.getOutput(), c.getNotes(),
                c.getServiceId(), c.getServiceName());
    }

    /** @param freshByNode every current check by node, or null to use the checks listed with the entry */
    private static ServiceInstance instance(HealthService entry, HostMatcher matcher, String labelKey,
                                            Map<String, List<HealthCheck>> freshByNode) {
        HealthService.Node node = entry.getNode();
        HealthService.Service service = entry.getService();
        List<String> tags = service.getTags() == null ? List.of() : service.getTags();
        Map<String, String> meta = service.getMeta() == null ? Map.of() : service.getMeta();
        String serviceAddress = service.getAddress() == null || service.getAddress().isBlank() ? null : service.getAddress();
        Optional<Host> host = matcher.hostOf(node.getNode(), node.getAddress(), serviceAddress);
        String environment = EnvironmentOf.service(meta, tags, labelKey).orElse(host.map(Host::environment).orElse(null));
        List<HealthCheck> checks;
        if (freshByNode != null) {
            // As Consul lists them for a service: its node's checks and its own.
            checks = freshByNode.getOrDefault(node.getNode(), List.of()).stream()
                    .filter(c -> c.isNodeCheck() || c.serviceId().equals(service.getId())).toList();
        } else {
            checks = entry.getChecks() == null ? List.of() : entry.getChecks().stream().map(HealthJoin::check).toList();
        }
        Verdict verdict = verdict(checks);
        return new ServiceInstance(service.getService(), service.getId(), node.getNode(),
                serviceAddress != null ? serviceAddress : node.getAddress(), tags, meta,
                host.map(Host::displayName).orElse(null), environment, verdict.status(), verdict.reason(), checks);
    }

    /** Maintenance (the node's first, as the wider) wins; else the worst check; PASSING without checks, as Consul counts it. */
    private static Verdict verdict(List<HealthCheck> checks) {
        Optional<HealthCheck> maintenance = checks.stream().filter(HealthCheck::isMaintenance)
                .min(Comparator.comparing(c -> !HealthCheck.NODE_MAINTENANCE.equals(c.checkId())));
        if (maintenance.isPresent()) {
            HealthCheck c = maintenance.get();
            return new Verdict(HealthStatus.MAINTENANCE, c.notes().isBlank() ? c.name() : c.notes());
        }
        HealthStatus worst = HealthStatus.PASSING;
        for (HealthCheck c : checks) {
            worst = HealthStatus.worse(worst, c.status());
        }
        return new Verdict(worst, null);
    }

    private static void addOnce(Map<String, List<HealthCheck>> byNode, HealthCheck check) {
        List<HealthCheck> checks = byNode.computeIfAbsent(check.node(), n -> new ArrayList<>());
        if (checks.stream().noneMatch(c -> c.checkId().equals(check.checkId()))) {
            checks.add(check);
        }
    }

    private static String summary(Answers answers, List<ServiceInstance> instances, List<NodeHealth> nodes, boolean partial) {
        return answers.services().size() + " services, " + instances.size() + " instances on " + nodes.size() + " nodes"
                + (partial ? "; ACLs hid part of the answer" : "");
    }
}
