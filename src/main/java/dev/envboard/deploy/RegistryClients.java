package dev.envboard.deploy;

import dev.envboard.registry.ImageResolver;
import dev.envboard.registry.RegistryCredentials;

/**
 * What a redeploy asks registries with, for one pool (a pool may keep its own docker config):
 * the resolver turns tags into digests, the credentials are the logins the engines pull with.
 */
public record RegistryClients(ImageResolver resolver, RegistryCredentials credentials) {
}
