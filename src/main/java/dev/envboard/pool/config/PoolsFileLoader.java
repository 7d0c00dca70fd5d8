package dev.envboard.pool.config;

import dev.envboard.pool.PoolSpec;
import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlDocuments;
import dev.envboard.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code pools.yaml}. Each pool is read on its own: one bad pool is reported with file,
 * line and field, and the valid ones are still returned.
 */
public final class PoolsFileLoader {
    private final Path home;
    private final String defaultSshUser;

    public PoolsFileLoader(Path home, String defaultSshUser) {
        this.home = home;
        this.defaultSshUser = defaultSshUser;
    }

    public PoolsConfig load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<PoolSpec> pools = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        try {
            YamlNode root = YamlDocuments.read(absolute);
            problems.addAll(root.unknownKeys(Set.of("pools")));
            PoolReader reader = new PoolReader(
                    new PathResolver(absolute.getParent(), home), defaultSshUser, absolute.toString());
            Set<String> names = new HashSet<>();
            for (YamlNode poolNode : root.require("pools").items()) {
                readOne(reader, poolNode, names, pools, problems);
            }
        } catch (InputException e) {
            problems.add(e.problem());
        }
        return new PoolsConfig(absolute.toString(), pools, problems);
    }

    private static void readOne(PoolReader reader, YamlNode poolNode, Set<String> names,
                                List<PoolSpec> pools, List<InputProblem> problems) {
        try {
            PoolReader.Result result = reader.read(poolNode);
            problems.addAll(result.warnings());
            PoolSpec pool = result.pool();
            if (!names.add(pool.name())) {
                throw poolNode.require("name").problem("another pool is already named \"" + pool.name() + "\"");
            }
            pools.add(pool);
        } catch (InputException e) {
            problems.add(e.problem());
        }
    }
}
