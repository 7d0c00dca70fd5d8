package dev.envboard.pool.config;

import java.nio.file.Path;

/** Resolves paths written in a config file: {@code ~} is the home dir, relative is beside the file. */
final class PathResolver {
    private final Path base;
    private final Path home;

    PathResolver(Path base, Path home) {
        this.base = base;
        this.home = home;
    }

    Path resolve(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("~")) {
            return home;
        }
        if (trimmed.startsWith("~/")) {
            return home.resolve(trimmed.substring(2)).normalize();
        }
        return base.resolve(trimmed).normalize();
    }
}
