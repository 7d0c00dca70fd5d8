package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.pool.PoolSpec;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which pool an environment name means when --pool is not given: the one pool whose hosts carry
 * it, else the one pool with a stack folder for it. Anything else asks for --pool.
 */
final class PoolForEnvironment {
    private PoolForEnvironment() {
    }

    static PoolSpec find(Services context, List<PoolSpec> pools, String environment) {
        if (pools.size() == 1) {
            return pools.get(0);
        }
        List<PoolSpec> withHosts = pools.stream().filter(pool -> context.poolInspector().inspect(pool).join()
                .hosts().stream().anyMatch(h -> environment.equals(h.environment()))).toList();
        if (withHosts.size() == 1) {
            return withHosts.get(0);
        }
        List<PoolSpec> withStack = (withHosts.isEmpty() ? pools : withHosts).stream()
                .filter(pool -> pool.stacksDir() != null && Files.isDirectory(pool.stacksDir().resolve(environment))).toList();
        if (withHosts.isEmpty() && withStack.size() == 1) {
            return withStack.get(0);
        }
        List<PoolSpec> candidates = withHosts.isEmpty() ? withStack : withHosts;
        String names = (candidates.isEmpty() ? pools : candidates).stream().map(PoolSpec::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(candidates.isEmpty()
                ? "no pool has hosts or a stack for \"" + environment + "\" (pools: " + names + ")"
                : "\"" + environment + "\" exists in several pools (" + names + "): add --pool");
    }
}
