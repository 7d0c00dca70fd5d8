package dev.envboard.ui.board;

import dev.envboard.health.HealthCheck;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthStatus;
import dev.envboard.health.NodeHealth;
import dev.envboard.health.ServiceInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * A host card's health dot and what its tooltip says.
 *
 * @param configured false when the pool names no Consul (the dot stays an empty ring)
 * @param headline   the first thing wrong (a maintenance reason or a failing check), shown on the
 *                   card itself; null when nothing is
 */
public record HostHealth(boolean configured, HealthStatus status, String detail, String headline) {
    private static final int DETAIL_LINES = 6;

    public static final HostHealth NOT_CONFIGURED =
            new HostHealth(false, HealthStatus.UNKNOWN, "Service health: no Consul configured for this pool", null);

    public static HostHealth of(HealthSnapshot snapshot, String hostname) {
        if (snapshot == null) {
            return NOT_CONFIGURED;
        }
        HealthStatus status = snapshot.hostStatus(hostname);
        if (!snapshot.isCurrent()) {
            return new HostHealth(true, status, "Service health unknown: Consul " + snapshot.state().label()
                    + (snapshot.message().isEmpty() ? "" : "\n" + snapshot.message()), null);
        }
        List<ServiceInstance> instances = snapshot.instancesOn(hostname);
        List<NodeHealth> nodes = snapshot.nodesOn(hostname);
        if (instances.isEmpty() && nodes.isEmpty()) {
            return new HostHealth(true, status, "Service health unknown: no Consul node or service on this host", null);
        }
        List<String> lines = new ArrayList<>();
        lines.add("Service health: " + status.label() + " (" + instances.size() + " service instance"
                + (instances.size() == 1 ? "" : "s") + ")");
        String headline = null;
        if (status == HealthStatus.MAINTENANCE) {
            headline = "maintenance: " + snapshot.hostMaintenanceReason(hostname).orElse("");
            lines.add(headline);
        }
        List<HealthCheck> failing = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        List<String> services = new ArrayList<>();
        nodes.forEach(node -> node.checks().stream().filter(c -> c.status() != HealthStatus.PASSING).forEach(check -> {
            failing.add(check);
            owners.add(node.node());
            services.add(check.name());
        }));
        instances.forEach(instance -> instance.failingChecks().forEach(check -> {
            failing.add(check);
            owners.add(instance.id());
            services.add(instance.service());
        }));
        for (int i = 0; i < failing.size(); i++) {
            HealthCheck check = failing.get(i);
            lines.add(line(owners.get(i), check));
            // The card shows, briefly, the check that gives the dot its colour.
            if (headline == null && check.status() == status) {
                String output = check.firstOutputLine();
                headline = services.get(i) + " " + check.status().label() + (output.isEmpty() ? "" : ": " + output);
            }
        }
        if (lines.size() > DETAIL_LINES) {
            int more = lines.size() - DETAIL_LINES + 1;
            lines.subList(DETAIL_LINES - 1, lines.size()).clear();
            lines.add("… " + more + " more in the Health view");
        }
        return new HostHealth(true, status, String.join("\n", lines), headline);
    }

    private static String line(String owner, HealthCheck check) {
        String output = check.isMaintenance() ? check.notes() : check.firstOutputLine();
        return owner + " · " + check.name() + ": " + check.status().label() + (output.isEmpty() ? "" : " — " + output);
    }
}
