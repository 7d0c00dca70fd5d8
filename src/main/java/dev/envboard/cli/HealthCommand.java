package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.health.ConsulState;
import dev.envboard.health.EnvironmentCounts;
import dev.envboard.health.HealthCheck;
import dev.envboard.health.HealthReader;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthStatus;
import dev.envboard.health.NodeHealth;
import dev.envboard.health.ServiceInstance;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code envboard health}: every Consul service instance of the pools, by environment, once. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Consul health of every service instance of the pools that have a consul block, by environment,",
                "with the host it runs on and what is failing or in maintenance.",
                "Exit status 1 when a Consul cannot be read (unreachable, token refused), 3 when an instance is critical (2 is a usage error)."})
final class HealthCommand implements Callable<Integer> {
    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Option(names = "--env", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    record CheckJson(String checkId, String name, String status, String output, String notes) {
        static CheckJson of(HealthCheck c) {
            return new CheckJson(c.checkId(), c.name(), c.status().label(), c.output(), c.notes());
        }
    }

    record InstanceJson(String service, String id, String node, String address, String host, String environment,
                        String status, String maintenanceReason, List<String> tags, Map<String, String> meta,
                        List<CheckJson> checks) {
        static InstanceJson of(ServiceInstance i) {
            return new InstanceJson(i.service(), i.id(), i.node(), i.address(), i.host(), i.environment(), i.status().label(),
                    i.maintenanceReason(), i.tags(), i.meta(), i.checks().stream().map(CheckJson::of).toList());
        }
    }

    record NodeJson(String node, String address, String host, String status, String maintenanceReason, List<CheckJson> checks) {
        static NodeJson of(NodeHealth n) {
            return new NodeJson(n.node(), n.address(), n.host(), n.status().label(), n.maintenanceReason(),
                    n.checks().stream().map(CheckJson::of).toList());
        }
    }

    record PoolHealthJson(String pool, String state, String message, boolean partial, Map<String, EnvironmentCounts> environments,
                          List<InstanceJson> instances, List<NodeJson> nodes) {
    }

    @Override
    public Integer call() {
        try (Services context = parent.openContext()) {
            List<PoolSpec> selected = selection.select(context.pools());
            List<PoolSpec> pools = selected.stream().filter(p -> p.consul() != null).toList();
            if (pools.isEmpty()) {
                parent.err().println(selected.size() == 1 ? selected.get(0).name() + ": no consul block in " + context.pools().source()
                        : "no pool has a consul block (" + context.pools().source() + ")");
                return 1;
            }
            List<PoolHealthJson> result = new ArrayList<>();
            boolean allRead = true;
            boolean critical = false;
            for (PoolSpec pool : pools) {
                HealthSnapshot snapshot = HealthReader.read(pool, hosts(context, pool), parent.env());
                if (snapshot.state() != ConsulState.OK) {
                    parent.err().println(pool.name() + ": " + snapshot.message());
                    allRead = false;
                } else if (snapshot.partial()) {
                    parent.err().println(pool.name() + ": partial: ACLs hid part of the answer");
                }
                PoolHealthJson shown = shown(snapshot);
                critical |= shown.instances().stream().anyMatch(i -> i.status().equals(HealthStatus.CRITICAL.label()));
                result.add(shown);
            }
            if (json) {
                Json.print(parent.out(), result);
            } else {
                printTable(result);
            }
            return !allRead ? 1 : critical ? 3 : 0;
        }
    }

    /** The pool's hosts, to place nodes and environments; without them only tags and meta tell environments. */
    private List<Host> hosts(Services context, PoolSpec pool) {
        PoolSnapshot snapshot = context.poolInspector().inspect(pool).join();
        if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
            parent.err().println(pool.name() + ": hosts unknown (" + snapshot.status().label() + ": " + snapshot.message()
                    + "); environments only from service tags and meta");
        }
        return snapshot.hosts();
    }

    private PoolHealthJson shown(HealthSnapshot s) {
        List<ServiceInstance> instances = s.instances().stream()
                .filter(i -> environment == null || environment.equals(i.environment())).toList();
        Set<String> hostsShown = instances.stream().map(ServiceInstance::host).filter(Objects::nonNull).collect(Collectors.toSet());
        List<NodeHealth> nodes = s.nodes().stream().filter(n -> environment == null || hostsShown.contains(n.host())).toList();
        Map<String, EnvironmentCounts> environments = new TreeMap<>();
        instances.stream().map(ServiceInstance::environment).filter(Objects::nonNull).distinct()
                .forEach(env -> environments.put(env, s.counts(env)));
        return new PoolHealthJson(s.pool(), s.state().label(), s.message(), s.partial(), environments,
                instances.stream().map(InstanceJson::of).toList(), nodes.stream().map(NodeJson::of).toList());
    }

    private void printTable(List<PoolHealthJson> pools) {
        TextTable table = new TextTable("POOL", "ENVIRONMENT", "SERVICE", "INSTANCE", "NODE", "HOST", "STATUS", "DETAIL");
        for (PoolHealthJson pool : pools) {
            pool.instances().stream()
                    .sorted(java.util.Comparator.comparing((InstanceJson i) -> i.environment() == null ? "~" : i.environment())
                            .thenComparing(InstanceJson::service).thenComparing(InstanceJson::id))
                    .forEach(i -> table.add(pool.pool(), i.environment(), i.service(), i.id(), i.node(), i.host(), i.status(),
                            detail(i)));
        }
        table.print(parent.out());
    }

    /** The maintenance reason, else what the failing checks say. */
    private static String detail(InstanceJson instance) {
        if (instance.maintenanceReason() != null) {
            return instance.maintenanceReason();
        }
        return instance.checks().stream().filter(c -> !c.status().equals(HealthStatus.PASSING.label()))
                .map(c -> c.name() + ": " + c.output().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(c.status()))
                .collect(Collectors.joining("; "));
    }
}
