package dev.envboard.deploy;

import com.github.dockerjava.api.model.AuthConfig;
import dev.envboard.registry.ImageRef;
import dev.envboard.registry.RegistryAuth;

/** A registry login as the engine API takes it (X-Registry-Auth); never printed. */
final class RegistryLogins {
    /** Where Docker Hub logins are kept, as the docker CLI sends them. */
    private static final String DOCKER_HUB_ADDRESS = "https://index.docker.io/v1/";

    private RegistryLogins() {
    }

    static AuthConfig authConfig(RegistryAuth auth) {
        if (auth == null) {
            return null;
        }
        AuthConfig config = new AuthConfig().withRegistryAddress(ImageRef.DOCKER_HUB.equals(auth.registry())
                ? DOCKER_HUB_ADDRESS : auth.registry());
        if (auth.identityToken() != null) {
            config.withIdentityToken(auth.identityToken());
        } else {
            config.withUsername(auth.username()).withPassword(auth.secret());
        }
        return config;
    }
}
