package dev.envboard.registry;

import java.util.Optional;

/** Where logins come from: the user's docker config (auths, credsStore, credHelpers). */
public interface RegistryCredentials {
    /** The login for {@code registry} (host[:port]); empty when there is none, which is not an error. */
    Optional<RegistryAuth> find(String registry) throws RegistryException;
}
