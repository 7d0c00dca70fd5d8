package dev.envboard.ui.health;

import dev.envboard.health.HealthCheck;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthStatus;
import dev.envboard.health.NodeHealth;
import dev.envboard.health.ServiceInstance;
import dev.envboard.ui.health.HealthRow.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the Health view's tree from a snapshot and the filters: services, their instances and
 * checks, then the Consul nodes with their node checks. Pure, so it is tested without a window.
 */
public final class HealthTree {

    /** A row and the rows under it. */
    public record Branch(HealthRow row, List<Branch> children) {
        public Branch {
            children = List.copyOf(children);
        }
    }

    private HealthTree() {
    }

    public static List<Branch> build(HealthSnapshot snapshot, HealthFilter filter) {
        Map<String, List<ServiceInstance>> byService = new TreeMap<>();
        for (ServiceInstance instance : snapshot.instances()) {
            if (shows(instance, filter)) {
                byService.computeIfAbsent(instance.service(), s -> new ArrayList<>()).add(instance);
            }
        }
        List<Branch> tree = new ArrayList<>();
        byService.forEach((service, instances) -> {
            instances.sort(Comparator.comparing((ServiceInstance i) -> rank(i.status())).thenComparing(ServiceInstance::id));
            tree.add(new Branch(serviceRow(service, instances), instances.stream().map(HealthTree::instanceBranch).toList()));
        });
        // What needs attention first: critical services on top, then by name.
        tree.sort(Comparator.comparing((Branch b) -> rank(b.row().status())).thenComparing(b -> b.row().name()));
        List<Branch> nodes = snapshot.nodes().stream().filter(node -> shows(node, snapshot, filter))
                .sorted(Comparator.comparing((NodeHealth n) -> rank(n.status())).thenComparing(NodeHealth::node))
                .map(HealthTree::nodeBranch).toList();
        if (!nodes.isEmpty()) {
            HealthStatus worst = worst(nodes.stream().map(b -> b.row().status()).toList());
            tree.add(new Branch(new HealthRow(Kind.NODES, "nodes", "Consul nodes", worst, "", "", "",
                    nodes.size() + " nodes", "Consul nodes and their node checks (agent, disk, maintenance...)"), nodes));
        }
        return tree;
    }

    private static boolean shows(ServiceInstance instance, HealthFilter filter) {
        if (filter.environment() != null && !filter.environment().equals(instance.environment())) {
            return false;
        }
        if (filter.criticalOnly() && instance.status() != HealthStatus.CRITICAL
                && instance.checks().stream().noneMatch(c -> c.status() == HealthStatus.CRITICAL)) {
            return false;
        }
        return filter.matchesText(instance.service(), instance.id(), instance.node(), instance.host(),
                instance.environment(), instance.address(), String.join(" ", instance.tags()))
                || instance.checks().stream().anyMatch(c -> filter.matchesText(c.name(), c.output(), c.notes()));
    }

    /** With an environment chosen, a node shows when one of that environment's instances runs on it. */
    private static boolean shows(NodeHealth node, HealthSnapshot snapshot, HealthFilter filter) {
        if (filter.environment() != null && snapshot.instances().stream()
                .noneMatch(i -> node.node().equals(i.node()) && filter.environment().equals(i.environment()))) {
            return false;
        }
        if (filter.criticalOnly() && node.status() != HealthStatus.CRITICAL) {
            return false;
        }
        return filter.matchesText(node.node(), node.address(), node.host())
                || node.checks().stream().anyMatch(c -> filter.matchesText(c.name(), c.output(), c.notes()));
    }

    private static HealthRow serviceRow(String service, List<ServiceInstance> instances) {
        Map<HealthStatus, Long> counts = new EnumMap<>(HealthStatus.class);
        instances.forEach(i -> counts.merge(i.status(), 1L, Long::sum));
        String summary = instances.size() + (instances.size() == 1 ? " instance" : " instances") + ": "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        Set<String> environments = instances.stream().map(ServiceInstance::environment).filter(Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        return new HealthRow(Kind.SERVICE, "service:" + service, service, worst(instances.stream().map(ServiceInstance::status).toList()),
                "", "", String.join(", ", environments), summary, "Service " + service + "\n" + summary);
    }

    private static Branch instanceBranch(ServiceInstance instance) {
        StringBuilder detail = new StringBuilder("Instance ").append(instance.id()).append(" of ").append(instance.service())
                .append("\nstatus ").append(instance.status().label())
                .append("\nnode ").append(instance.node()).append(" (").append(orDash(instance.address())).append(")")
                .append("\nhost ").append(orDash(instance.host())).append("\nenvironment ").append(orDash(instance.environment()));
        if (instance.maintenanceReason() != null) {
            detail.append("\nmaintenance: ").append(instance.maintenanceReason());
        }
        if (!instance.tags().isEmpty()) {
            detail.append("\ntags ").append(String.join(", ", instance.tags()));
        }
        if (!instance.meta().isEmpty()) {
            detail.append("\nmeta ").append(new TreeMap<>(instance.meta()));
        }
        String output = instance.maintenanceReason() != null ? "maintenance: " + instance.maintenanceReason()
                : instance.failingChecks().stream().findFirst().map(c -> c.name() + ": " + c.firstOutputLine()).orElse("");
        HealthRow row = new HealthRow(Kind.INSTANCE, "instance:" + instance.node() + "/" + instance.id(), instance.id(),
                instance.status(), instance.node(), orDash(instance.host()), orDash(instance.environment()), output, detail.toString());
        String owner = "instance:" + instance.node() + "/" + instance.id();
        return new Branch(row, instance.checks().stream().map(c -> checkBranch(owner, c, instance.host(), instance.environment())).toList());
    }

    private static Branch nodeBranch(NodeHealth node) {
        String detail = "Consul node " + node.node() + " (" + orDash(node.address()) + ")\nhost " + orDash(node.host())
                + "\nstatus " + node.status().label()
                + (node.maintenanceReason() == null ? "" : "\nmaintenance: " + node.maintenanceReason());
        String output = node.maintenanceReason() != null ? "maintenance: " + node.maintenanceReason()
                : node.checks().stream().filter(c -> c.status() != HealthStatus.PASSING).findFirst()
                        .map(c -> c.name() + ": " + c.firstOutputLine()).orElse(node.checks().size() + " node checks");
        HealthRow row = new HealthRow(Kind.NODE, "node:" + node.node(), node.node(), node.status(), node.node(),
                orDash(node.host()), "", output, detail);
        return new Branch(row, node.checks().stream().map(c -> checkBranch("node:" + node.node(), c, node.host(), null)).toList());
    }

    private static Branch checkBranch(String owner, HealthCheck check, String host, String environment) {
        String output = check.isMaintenance() ? check.notes() : check.firstOutputLine();
        String detail = "Check " + check.name() + " (" + check.checkId() + ")\nstatus " + check.status().label()
                + "\nnode " + check.node()
                + (check.notes().isEmpty() ? "" : "\nnotes: " + check.notes())
                + "\n\n" + (check.output().isEmpty() ? "(no output)" : check.output());
        return new Branch(new HealthRow(Kind.CHECK, owner + "#" + check.checkId(), check.name(), check.status(),
                check.node(), orDash(host), orDash(environment), output, detail), List.of());
    }

    private static final List<HealthStatus> BY_ATTENTION = List.of(HealthStatus.CRITICAL, HealthStatus.WARNING,
            HealthStatus.UNKNOWN, HealthStatus.PASSING, HealthStatus.MAINTENANCE);

    /** Critical over warning over passing; maintenance only when that is all there is. */
    static HealthStatus worst(List<HealthStatus> statuses) {
        return BY_ATTENTION.stream().filter(statuses::contains).findFirst().orElse(HealthStatus.UNKNOWN);
    }

    private static int rank(HealthStatus status) {
        return BY_ATTENTION.indexOf(status);
    }

    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "—" : text;
    }
}
