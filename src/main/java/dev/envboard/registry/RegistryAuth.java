package dev.envboard.registry;

/**
 * A login for one registry, as the user's docker config gives it. The secret never leaves through
 * {@link #toString()}: records print their fields, and this one must not end up in a log.
 *
 * @param identityToken an OAuth refresh token from {@code docker login} (then {@code secret} is null)
 */
public record RegistryAuth(String registry, String username, String secret, String identityToken) {
    @Override
    public String toString() {
        return "RegistryAuth[" + registry + ", user " + username + ", secret hidden]";
    }
}
