package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostWarning;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code envboard nodes}: every pool's hosts with address, state, role, environment and labels. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = {"List every pool's hosts with address, state, role, environment and labels.",
                "Exit status 1 when a pool cannot be reached."})
final class NodesCommand implements Callable<Integer> {
    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        try (Services context = parent.openContext()) {
            List<PoolSpec> pools = selection.select(context.pools());
            List<CompletableFuture<PoolSnapshot>> inspections = pools.stream()
                    .map(context.poolInspector()::inspect).toList();
            List<PoolSnapshot> snapshots = inspections.stream().map(CompletableFuture::join).toList();
            if (json) {
                Json.print(parent.out(), snapshots.stream().map(NodesJson::pool).toList());
            } else if (snapshots.stream().anyMatch(s -> !s.hosts().isEmpty())) {
                printTable(parent.out(), snapshots);
            }
            boolean allAnswered = true;
            for (PoolSnapshot snapshot : snapshots) {
                for (Host host : snapshot.hosts()) {
                    host.warnings().forEach(w -> parent.err().println("warning: " + snapshot.pool().name() + ": " + w));
                }
                if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
                    parent.err().println(snapshot.pool().name() + ": " + snapshot.status().label() + ": " + snapshot.message());
                    allAnswered = false;
                }
            }
            if (pools.isEmpty()) {
                parent.err().println("no pool configured (" + context.pools().source() + ")");
                return 1;
            }
            return allAnswered ? 0 : 1;
        }
    }

    private static void printTable(PrintWriter out, List<PoolSnapshot> snapshots) {
        TextTable table = new TextTable("POOL", "HOST", "ADDRESS", "STATE", "ROLE", "AVAILABILITY",
                "ENVIRONMENT", "ENGINE", "LABELS");
        for (PoolSnapshot snapshot : snapshots) {
            for (Host host : snapshot.hosts()) {
                table.add(snapshot.pool().name(), host.hostname(), host.address(), host.state().label(),
                        host.role().label() + (host.leader() ? " (leader)" : ""), host.availability().label(),
                        host.environment(), host.engineVersion(), labels(host.labels()));
            }
        }
        table.print(out);
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The JSON shape of {@code nodes --json}: stable names, lower-case states. */
    record NodesJson(String pool, String kind, String status, String message, String labelKey,
                     boolean insecure, List<HostJson> hosts) {
        static NodesJson pool(PoolSnapshot s) {
            List<HostJson> hosts = new ArrayList<>();
            s.hosts().forEach(h -> hosts.add(HostJson.of(h)));
            return new NodesJson(s.pool().name(), s.kind().label(), s.status().label(), s.message(),
                    s.pool().labelKey(), s.pool().isInsecure(), hosts);
        }
    }

    record HostJson(String key, String nodeId, String engineId, String hostname, String address, String role, String state, String availability,
                    String environment, String engineVersion, int cpus, long memoryBytes, int running,
                    boolean leader, Map<String, String> labels, Map<String, String> engineLabels, String error,
                    List<HostWarning> warnings) {
        static HostJson of(Host h) {
            return new HostJson(h.key().entry(), h.nodeId(), h.engineId(), h.hostname(), h.address(), h.role().label(), h.state().label(),
                    h.availability().label(), h.environment(), h.engineVersion(), h.cpus(), h.memoryBytes(),
                    h.running(), h.leader(), h.labels(), h.engineLabels(), h.error(), h.warnings());
        }
    }
}
