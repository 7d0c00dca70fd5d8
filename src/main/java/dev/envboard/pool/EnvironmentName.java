package dev.envboard.pool;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names for new environments: they become label values, stack namespaces and service-name
 * prefixes, so they must be valid in all three.
 */
public final class EnvironmentName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9_.-]{0,61}[a-z0-9])?");

    private EnvironmentName() {
    }

    /** Empty when valid, else why not. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("give the environment a name");
        }
        if (!VALID.matcher(name).matches()) {
            return Optional.of("use lower-case letters, digits, '.', '_' or '-' (at most 63, starting and ending "
                    + "with a letter or digit), not \"" + name + "\"");
        }
        return Optional.empty();
    }
}
