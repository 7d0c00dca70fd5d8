package dev.envboard.pool.config;

import dev.envboard.pool.PoolSpec;
import dev.envboard.yaml.InputProblem;
import java.util.List;
import java.util.Optional;

/**
 * The pools the app works with, where they came from, and what was wrong with the rest.
 * A bad pool never hides the good ones: it is left out and named in {@code problems}.
 *
 * @param source human description of where pools came from (a file path, DOCKER_HOST...)
 */
public record PoolsConfig(String source, List<PoolSpec> pools, List<InputProblem> problems) {

    public PoolsConfig {
        pools = List.copyOf(pools);
        problems = List.copyOf(problems);
    }

    public Optional<PoolSpec> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<InputProblem> errors() {
        return problems.stream().filter(InputProblem::isError).toList();
    }
}
