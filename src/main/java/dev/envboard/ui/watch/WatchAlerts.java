package dev.envboard.ui.watch;

import dev.envboard.deploy.history.Downtime;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.deploy.watch.DeployEvent;
import dev.envboard.health.EnvironmentCounts;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthStatus;
import dev.envboard.health.ServiceInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which notifications watched environments get: a deploy that starts, succeeds, fails or
 * is cancelled (a refused one changed nothing: no notification), each once per run; Consul health
 * that turns critical (also when first seen critical) or recovers. While Consul does not answer
 * nothing is said: unknown is neither critical nor recovered. No JavaFX here; call it from one
 * thread (the FX thread in the app).
 */
public final class WatchAlerts {
    /** Runs remembered as notified; older ones are forgotten (their events will not come again). */
    static final int REMEMBERED = 1000;
    private static final int CHANGES_SHOWN = 3;
    private static final int INSTANCES_SHOWN = 3;

    private final Supplier<Set<String>> watched;
    private final Set<String> told = new LinkedHashSet<>();
    /** Per watched "pool/environment": whether its health was critical when last known. */
    private final Map<String, Boolean> critical = new HashMap<>();

    /** @param watched the watched environments as {@link Watchlist#key} ("POOL/ENVIRONMENT"), read at each decision */
    public WatchAlerts(Supplier<Set<String>> watched) {
        this.watched = watched;
    }

    /** The notification for a deploy event, if its environment is watched and this run was not notified so already. */
    public Optional<WatchAlert> deploy(DeployEvent event) {
        if (!watched.get().contains(Watchlist.key(event.pool(), event.environment()))) {
            return Optional.empty();
        }
        WatchAlert.Kind kind = switch (event.kind()) {
            case STARTED -> WatchAlert.Kind.DEPLOY_STARTED;
            case SUCCEEDED -> WatchAlert.Kind.DEPLOY_SUCCEEDED;
            case FAILED -> WatchAlert.Kind.DEPLOY_FAILED;
            case CANCELLED -> WatchAlert.Kind.DEPLOY_CANCELLED;
            case REFUSED -> null;
        };
        if (kind == null || !firstTime(event.pool() + "/" + event.deployId() + "/" + kind)) {
            return Optional.empty();
        }
        DeployEntry e = event.entry();
        String env = event.environment();
        String took = e.durationMillis() == null ? "" : " in " + Downtime.describe(e.durationMillis());
        return Optional.of(switch (kind) {
            case DEPLOY_STARTED -> new WatchAlert(kind, event.pool(), env, env + ": deploy started",
                    "by " + e.who() + " (deploy " + e.id() + ")" + changes(e));
            case DEPLOY_SUCCEEDED -> new WatchAlert(kind, event.pool(), env, env + ": deployed",
                    "by " + e.who() + took + (e.record().downtimeMillis() == null ? "" : ", downtime "
                            + Downtime.describe(e.record().downtimeMillis())) + " (deploy " + e.id() + ")" + changes(e));
            case DEPLOY_FAILED -> new WatchAlert(kind, event.pool(), env, env + ": deploy failed",
                    "by " + e.who() + took + " (deploy " + e.id() + ")" + error(e));
            default -> new WatchAlert(kind, event.pool(), env, env + ": deploy cancelled",
                    "by " + e.who() + took + " (deploy " + e.id() + ")" + error(e));
        });
    }

    /** The notifications a pool's new health snapshot brings its watched environments. */
    public List<WatchAlert> health(String pool, HealthSnapshot snapshot) {
        Set<String> keys = watched.get();
        critical.keySet().retainAll(keys); // watched again later: seen afresh
        if (snapshot == null || !snapshot.isCurrent()) {
            return List.of();
        }
        List<WatchAlert> alerts = new ArrayList<>();
        for (String key : keys) {
            if (!key.startsWith(pool + "/")) {
                continue;
            }
            String env = key.substring(pool.length() + 1);
            EnvironmentCounts counts = snapshot.counts(env);
            boolean now = counts.critical() > 0;
            Boolean before = critical.put(key, now);
            if (now && !Boolean.TRUE.equals(before)) {
                alerts.add(new WatchAlert(WatchAlert.Kind.HEALTH_CRITICAL, pool, env, env + ": health critical",
                        criticalInstances(snapshot, env, counts.critical())));
            } else if (!now && Boolean.TRUE.equals(before)) {
                alerts.add(new WatchAlert(WatchAlert.Kind.HEALTH_RECOVERED, pool, env, env + ": health recovered",
                        "no service instance is critical any more (" + counts.passing() + " passing, " + counts.warning()
                                + " warning" + (counts.maintenance() > 0 ? ", " + counts.maintenance() + " in maintenance" : "") + ")"));
            }
        }
        return alerts;
    }

    private boolean firstTime(String key) {
        if (!told.add(key)) {
            return false;
        }
        if (told.size() > REMEMBERED) {
            told.remove(told.iterator().next());
        }
        return true;
    }

    private static String changes(DeployEntry e) {
        List<String> changes = e.changes();
        if (changes.isEmpty()) {
            return "";
        }
        String shown = String.join("\n", changes.subList(0, Math.min(CHANGES_SHOWN, changes.size())));
        return "\n" + shown + (changes.size() > CHANGES_SHOWN ? "\nand " + (changes.size() - CHANGES_SHOWN) + " more" : "");
    }

    private static String error(DeployEntry e) {
        String error = e.record().error();
        return error == null || error.isBlank() ? "" : "\n" + error.lines().findFirst().orElse("");
    }

    private static String criticalInstances(HealthSnapshot snapshot, String env, int count) {
        List<ServiceInstance> bad = snapshot.instancesIn(env).stream().filter(i -> i.status() == HealthStatus.CRITICAL).toList();
        String names = bad.stream().limit(INSTANCES_SHOWN).map(i -> i.service() + " on " + (i.host() != null ? i.host() : i.node()))
                .collect(Collectors.joining(", "));
        return count + (count == 1 ? " service instance" : " service instances") + " critical: " + names
                + (bad.size() > INSTANCES_SHOWN ? " and " + (bad.size() - INSTANCES_SHOWN) + " more" : "");
    }
}
