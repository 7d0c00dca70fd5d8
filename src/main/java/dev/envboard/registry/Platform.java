package dev.envboard.registry;

/**
 * The platform of the hosts an image runs on, as a manifest list names it.
 *
 * @param variant e.g. {@code v8} for arm64; null when it does not matter
 */
public record Platform(String os, String architecture, String variant) {
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    /** {@code linux/arm64/v8} or {@code linux/amd64}, as docker's --platform takes it. */
    public static Platform parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("not a platform (os/architecture[/variant]): \"" + text + "\"");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
