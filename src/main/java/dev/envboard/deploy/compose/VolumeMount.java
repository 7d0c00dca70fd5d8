package dev.envboard.deploy.compose;

/**
 * A service volume. {@code type} is "bind" (source is an absolute host path) or "volume" (source is
 * a named volume, empty for an anonymous one).
 */
public record VolumeMount(String type, String source, String target, boolean readOnly) {
    public boolean isBind() {
        return "bind".equals(type);
    }
}
