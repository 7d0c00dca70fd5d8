package dev.envboard.registry.http;

import dev.envboard.registry.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How {@link HttpImageResolver} reaches registries.
 *
 * @param certsDir       where extra CAs are, one directory per registry ({@code HOST:PORT/ca.crt}), as Docker reads them
 * @param platform       the hosts' platform, picked out of a manifest list
 * @param plainHttp      registries (host:port) spoken to over plain http, as docker's insecure-registries; none by default
 */
public record ResolverSettings(Path certsDir, Platform platform, Duration connectTimeout, Duration requestTimeout,
                               Set<String> plainHttp) {
    /** Docker's own: the engine trusts {@code /etc/docker/certs.d/HOST:PORT/*.crt}. */
    public static final Path DOCKER_CERTS_DIR = Path.of("/etc/docker/certs.d");

    public ResolverSettings {
        plainHttp = Set.copyOf(plainHttp);
    }

    public static ResolverSettings defaults() {
        return new ResolverSettings(DOCKER_CERTS_DIR, Platform.LINUX_AMD64, Duration.ofSeconds(5), Duration.ofSeconds(15), Set.of());
    }

    public ResolverSettings withCertsDir(Path dir) {
        return new ResolverSettings(dir, platform, connectTimeout, requestTimeout, plainHttp);
    }

    public ResolverSettings withPlatform(Platform p) {
        return new ResolverSettings(certsDir, p, connectTimeout, requestTimeout, plainHttp);
    }

    public ResolverSettings withTimeouts(Duration connect, Duration request) {
        return new ResolverSettings(certsDir, platform, connect, request, plainHttp);
    }

    public ResolverSettings withPlainHttp(Set<String> registries) {
        return new ResolverSettings(certsDir, platform, connectTimeout, requestTimeout, registries);
    }
}
