package dev.envboard.cli;

import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.config.PoolsConfig;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --pool P} option shared by commands: one pool, or all of them. */
final class PoolSelection {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--pool", paramLabel = "POOL", description = "Only this pool (default: all pools).")
    String pool;

    List<PoolSpec> select(PoolsConfig config) {
        if (pool == null) {
            return config.pools();
        }
        return config.pool(pool).map(List::of).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no pool named \"" + pool + "\" in " + config.source() + "; pools: "
                        + config.pools().stream().map(PoolSpec::name).collect(Collectors.joining(", "))));
    }
}
