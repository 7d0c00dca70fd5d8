package dev.envboard.pool.config;

import dev.envboard.runtime.AppPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Decides where pools come from: --config FILE, else pools.yaml in the XDG config dir, else the default. */
public final class PoolsConfigSource {
    private final AppPaths paths;
    private final Map<String, String> env;
    private final String user;

    public PoolsConfigSource(AppPaths paths, Map<String, String> env, String user) {
        this.paths = paths;
        this.env = env;
        this.user = user;
    }

    public PoolsConfig load(Path explicitFile) {
        PoolsFileLoader loader = new PoolsFileLoader(paths.home(), user);
        if (explicitFile != null) {
            return loader.load(explicitFile);
        }
        if (Files.exists(paths.poolsFile())) {
            return loader.load(paths.poolsFile());
        }
        return DefaultPool.fromEnvironment(env, paths.home());
    }
}
