package dev.envboard.cli;

import dev.envboard.app.AppContext;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/** Which pool an environment name means when --pool is not given: the one pool that has it. */
final class PoolForEnvironment {
    private PoolForEnvironment() {
    }

    static PoolSpec find(AppContext context, List<PoolSpec> pools, String environment) {
        if (pools.size() == 1) {
            return pools.get(0);
        }
        List<PoolSpec> having = pools.stream().filter(pool -> has(context, pool, environment)).toList();
        if (having.size() == 1) {
            return having.get(0);
        }
        String names = (having.isEmpty() ? pools : having).stream().map(PoolSpec::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(having.isEmpty()
                ? "no pool has hosts or a stack for \"" + environment + "\" (pools: " + names + ")"
                : "\"" + environment + "\" exists in several pools (" + names + "): add --pool");
    }

    private static boolean has(AppContext context, PoolSpec pool, String environment) {
        if (pool.stacksDir() != null && Files.isDirectory(pool.stacksDir().resolve(environment))) {
            return true;
        }
        PoolSnapshot snapshot = context.poolInspector().inspect(pool).join();
        return snapshot.hosts().stream().anyMatch(h -> environment.equals(h.environment()));
    }
}
