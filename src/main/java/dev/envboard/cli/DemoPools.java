package dev.envboard.cli;

import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import java.util.List;
import java.util.stream.Collectors;

/** Which pool a demo command means when --pool is not given. */
final class DemoPools {
    private DemoPools() {
    }

    /** The one pool (of those selected) with a templates: folder. */
    static PoolSpec withTemplates(List<PoolSpec> pools) {
        List<PoolSpec> with = pools.stream().filter(p -> p.templatesDir() != null).toList();
        if (with.size() == 1) {
            return with.get(0);
        }
        if (with.isEmpty()) {
            throw new IllegalArgumentException("no pool has demo templates: add templates: FOLDER to a pool in pools.yaml"
                    + " (pools: " + names(pools) + ")");
        }
        throw new IllegalArgumentException("several pools have demo templates (" + names(with) + "): add --pool");
    }

    /** The one pool (of those selected) that records a demo of this environment. */
    static PoolSpec withDemo(Services context, List<PoolSpec> pools, String environment) {
        if (pools.size() == 1) {
            return pools.get(0);
        }
        List<PoolSpec> with = pools.stream().filter(p -> context.demoService().find(p, environment).isPresent()).toList();
        if (with.size() == 1) {
            return with.get(0);
        }
        throw new IllegalArgumentException(with.isEmpty() ? "no pool records a demo " + environment + " (pools: " + names(pools) + ")"
                : "several pools record a demo " + environment + " (" + names(with) + "): add --pool");
    }

    private static String names(List<PoolSpec> pools) {
        return pools.stream().map(PoolSpec::name).collect(Collectors.joining(", "));
    }
}
