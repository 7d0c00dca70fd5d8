package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.deploy.EnvironmentStatus;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.Downtime;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code envboard status}: environments with their services or containers and last deploy. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Every environment with its hosts, its services (Swarm) or containers (standalone), and its last deploy."})
final class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @picocli.CommandLine.ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    record PoolStatusJson(String pool, String status, String message, List<EnvironmentStatus> environments) {
    }

    @Override
    public Integer call() {
        try (Services context = parent.openContext()) {
            List<PoolStatusJson> result = new ArrayList<>();
            boolean allAnswered = true;
            for (PoolSpec pool : selection.select(context.pools())) {
                PoolSnapshot snapshot = context.poolInspector().inspect(pool).join();
                if (snapshot.status() == PoolStatus.OFFLINE || snapshot.status() == PoolStatus.REFUSED) {
                    parent.err().println(pool.name() + ": " + snapshot.status().label() + ": " + snapshot.message());
                    allAnswered = false;
                    result.add(new PoolStatusJson(pool.name(), snapshot.status().label(), snapshot.message(), List.of()));
                    continue;
                }
                result.add(new PoolStatusJson(pool.name(), snapshot.status().label(), snapshot.message(),
                        context.environmentStatus().read(snapshot, context.redeployService()::isRunning)));
            }
            if (json) {
                Json.print(parent.out(), result);
            } else {
                printTable(result);
            }
            return allAnswered ? 0 : 1;
        }
    }

    private void printTable(List<PoolStatusJson> pools) {
        TextTable table = new TextTable("POOL", "ENVIRONMENT", "HOSTS", "SERVICE", "READY", "ON", "LAST DEPLOY");
        for (PoolStatusJson pool : pools) {
            for (EnvironmentStatus env : pool.environments()) {
                String last = lastDeploy(env);
                if (env.services().isEmpty()) {
                    table.add(pool.pool(), env.environment(), String.valueOf(env.hosts().size()), "", "", "", last);
                }
                for (EnvironmentStatus.ServiceStatus service : env.services()) {
                    table.add(pool.pool(), env.environment(), String.valueOf(env.hosts().size()), service.name(),
                            service.running() + "/" + service.desired(), String.join(",", service.where()), last);
                    last = "";
                }
            }
        }
        table.print(parent.out());
    }

    private static String lastDeploy(EnvironmentStatus env) {
        if (env.deploying()) {
            return "deploying now";
        }
        DeployRecord record = env.lastDeploy();
        return record == null ? "never" : record.result() + " " + TIME.format(record.finishedAt())
                + (record.downtimeMillis() == null ? "" : ", downtime " + Downtime.describe(record.downtimeMillis()));
    }
}
