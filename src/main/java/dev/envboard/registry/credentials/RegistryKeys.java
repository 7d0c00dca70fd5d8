package dev.envboard.registry.credentials;

import dev.envboard.registry.ImageRef;
import java.util.Locale;
import java.util.Set;

/**
 * How docker matches a registry to the keys of {@code config.json}: a key may be written
 * {@code host[:port]}, with {@code https://} or {@code http://} in front and a path after
 * ({@code https://index.docker.io/v1/}); Docker Hub goes by several names.
 */
final class RegistryKeys {
    /** The key {@code docker login} writes for Docker Hub, and the server URL its helpers get. */
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final Set<String> DOCKER_HUB_HOSTS = Set.of(ImageRef.DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

    private RegistryKeys() {
    }

    /** The host[:port] a config key names: scheme and path dropped, lower case. */
    static String hostOf(String key) {
        String host = key.trim();
        if (host.startsWith("https://")) {
            host = host.substring("https://".length());
        } else if (host.startsWith("http://")) {
            host = host.substring("http://".length());
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        return canonical(host);
    }

    /** Docker Hub's several names become docker.io; everything else stays as it is, in lower case. */
    static String canonical(String registry) {
        String host = registry.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_HOSTS.contains(host) ? ImageRef.DOCKER_HUB : host;
    }

    static boolean matches(String key, String registry) {
        return hostOf(key).equals(canonical(registry));
    }

    /** What a credential helper is asked for: docker's Hub key, or the registry as written. */
    static String serverUrl(String registry) {
        return canonical(registry).equals(ImageRef.DOCKER_HUB) ? DOCKER_HUB_KEY : registry;
    }
}
