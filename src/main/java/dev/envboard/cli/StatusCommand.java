package dev.envboard.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.envboard.services.Services;
import dev.envboard.deploy.EnvironmentStatus;
import dev.envboard.deploy.updates.EnvironmentUpdates;
import dev.envboard.deploy.updates.ServiceUpdate;
import dev.envboard.deploy.updates.UpdateState;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.Downtime;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code envboard status}: environments with their services or containers and last deploy. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Every environment with its hosts, its services (Swarm) or containers (standalone), its last deploy,",
                "and whether a tag of its stack now names another digest than runs (update available)."})
final class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @picocli.CommandLine.ParentCommand
    EnvboardCommand parent;

    @Mixin
    PoolSelection selection;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--no-update-check", description = "Do not ask the registries whether the stacks' tags name newer digests.")
    boolean noUpdateCheck;

    record PoolStatusJson(String pool, String status, String message, List<EnvironmentJson> environments) {
    }

    /** An environment as before, plus its update check ({@code null} with --no-update-check). */
    record EnvironmentJson(@JsonUnwrapped EnvironmentStatus status, UpdatesJson updates) {
    }

    record UpdatesJson(boolean updateAvailable, List<ServiceUpdate> services, String problem, long registryRequests,
                       Instant checkedAt) {
        static UpdatesJson of(EnvironmentUpdates updates) {
            return updates == null ? null : new UpdatesJson(updates.updateAvailable(), updates.services(), updates.problem(),
                    updates.requests(), updates.checkedAt());
        }
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
                List<EnvironmentStatus> environments = context.environmentStatus().read(snapshot, context.redeployService()::isRunning);
                Map<String, EnvironmentUpdates> updates = noUpdateCheck ? Map.of() : updates(context, snapshot, environments);
                result.add(new PoolStatusJson(pool.name(), snapshot.status().label(), snapshot.message(), environments.stream()
                        .map(e -> new EnvironmentJson(e, UpdatesJson.of(updates.get(e.environment())))).toList()));
            }
            if (json) {
                Json.print(parent.out(), result);
            } else {
                printTable(result);
            }
            return allAnswered ? 0 : 1;
        }
    }

    /** Asks the registries; what could not be asked is said on stderr, and never fails the command. */
    private Map<String, EnvironmentUpdates> updates(Services context, PoolSnapshot snapshot, List<EnvironmentStatus> environments) {
        List<EnvironmentUpdates> checked = context.updateChecker().check(snapshot,
                environments.stream().map(EnvironmentStatus::environment).toList());
        for (EnvironmentUpdates updates : checked) {
            String failure = updates.failure();
            if (failure != null) {
                parent.err().println(snapshot.pool().name() + "/" + updates.environment() + ": update check failed: "
                        + failure.replace("\n", "\n  "));
            }
        }
        return checked.stream().collect(Collectors.toMap(EnvironmentUpdates::environment, Function.identity()));
    }

    /** One entry per host with its replica count ({@code host-1×2,host-2}), in the order they run. */
    static String hosts(List<String> where) {
        Map<String, Long> counts = where.stream()
                .collect(Collectors.groupingBy(h -> h, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private void printTable(List<PoolStatusJson> pools) {
        TextTable table = new TextTable("POOL", "ENVIRONMENT", "HOSTS", "SERVICE", "READY", "ON", "LAST DEPLOY");
        List<String> available = new ArrayList<>();
        for (PoolStatusJson pool : pools) {
            for (EnvironmentJson json : pool.environments()) {
                EnvironmentStatus env = json.status();
                if (json.updates() != null) {
                    json.updates().services().stream().filter(s -> s.state() == UpdateState.UPDATE_AVAILABLE)
                            .forEach(s -> available.add(pool.pool() + "/" + env.environment() + ": update available: " + s.describe()));
                }
                String last = lastDeploy(env);
                if (env.services().isEmpty()) {
                    table.add(pool.pool(), env.environment(), String.valueOf(env.hosts().size()), "", "", "", last);
                }
                for (EnvironmentStatus.ServiceStatus service : env.services()) {
                    table.add(pool.pool(), env.environment(), String.valueOf(env.hosts().size()), service.name(),
                            service.running() + "/" + service.desired(), hosts(service.where()), last);
                    last = "";
                }
            }
        }
        table.print(parent.out());
        available.forEach(parent.out()::println);
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
