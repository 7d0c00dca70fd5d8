package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.containers.ContainerLister;
import dev.envboard.containers.ContainerRow;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code envboard ps}: the containers table, once. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"Every container (and Swarm task without one) of the pools, with service, state, health, host,",
                "environment, uptime, ports and restarts. Exit status 1 when a pool or an engine cannot be reached."})
final class PsCommand implements Callable<Integer> {
    @ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Option(names = "--env", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    record PoolRows(String pool, List<ContainerRow> containers, Map<String, String> unreachable) {
    }

    @Override
    public Integer call() {
        try (Services context = parent.openContext()) {
            ContainerLister lister = new ContainerLister(context.dockerClients());
            List<PoolRows> result = new ArrayList<>();
            boolean complete = true;
            for (PoolSpec pool : selection.select(context.pools())) {
                PoolSnapshot snapshot = context.poolInspector().inspect(pool).join();
                if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
                    parent.err().println(pool.name() + ": " + snapshot.status().label() + ": " + snapshot.message());
                    complete = false;
                    continue;
                }
                ContainerLister.Listing listing = lister.list(snapshot);
                listing.unreachable().forEach((host, why) -> parent.err().println(pool.name() + ": " + host + " unreachable: " + why));
                complete &= listing.unreachable().isEmpty();
                List<ContainerRow> rows = listing.rows().stream()
                        .filter(r -> environment == null || environment.equals(r.environment()))
                        .sorted(Comparator.comparing(ContainerRow::environment).thenComparing(ContainerRow::name)).toList();
                result.add(new PoolRows(pool.name(), rows, listing.unreachable()));
            }
            if (json) {
                Json.print(parent.out(), result);
            } else {
                TextTable table = new TextTable("POOL", "NAME", "SERVICE", "IMAGE", "STATE", "HEALTH", "HOST", "ENVIRONMENT",
                        "UPTIME", "PORTS", "RESTARTS");
                for (PoolRows pool : result) {
                    for (ContainerRow r : pool.containers()) {
                        table.add(pool.pool(), r.name(), r.service(), r.image(), r.state(), r.health(), r.host(), r.environment(),
                                uptime(r), r.ports(), String.valueOf(r.restarts()));
                    }
                }
                table.print(parent.out());
            }
            return complete ? 0 : 1;
        }
    }

    private static String uptime(ContainerRow row) {
        if (!row.isRunning() || row.startedAt() == null) {
            return "";
        }
        Duration up = Duration.between(row.startedAt(), Instant.now());
        return up.toHours() > 0 ? up.toHours() + "h" + up.toMinutesPart() + "m" : up.toMinutes() + "m" + up.toSecondsPart() + "s";
    }
}
