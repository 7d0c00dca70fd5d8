package dev.envboard.runtime;

import java.nio.file.Path;
import java.util.Map;

/** Where Envboard keeps its files, following the XDG base directory spec. */
public record AppPaths(Path home, Path configDir, Path stateDir) {

    public static AppPaths fromEnvironment(Map<String, String> env, Path home) {
        return new AppPaths(home,
                xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("envboard"),
                xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("envboard"));
    }

    /** The XDG spec says relative values are invalid and must be ignored. */
    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }

    public Path poolsFile() {
        return configDir.resolve("pools.yaml");
    }
}
