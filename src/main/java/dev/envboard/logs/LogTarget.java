package dev.envboard.logs;

/**
 * What to follow, as typed: {@code env:NAME} (every container of an environment),
 * {@code service:NAME} (every replica), {@code container:NAME}, or a bare name: a container's
 * name or id, else a service.
 */
public record LogTarget(Kind kind, String name) {
    public enum Kind { CONTAINER, SERVICE, ENVIRONMENT, CONTAINER_OR_SERVICE }

    public LogTarget {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name a container, a service or env:ENVIRONMENT");
        }
    }

    public static LogTarget parse(String text) {
        String t = text.trim();
        if (t.startsWith("env:")) {
            return new LogTarget(Kind.ENVIRONMENT, t.substring(4));
        }
        if (t.startsWith("service:")) {
            return new LogTarget(Kind.SERVICE, t.substring(8));
        }
        if (t.startsWith("container:")) {
            return new LogTarget(Kind.CONTAINER, t.substring(10));
        }
        return new LogTarget(Kind.CONTAINER_OR_SERVICE, t);
    }

    /** As it would be typed: {@link #parse} reads it back. */
    @Override
    public String toString() {
        return switch (kind) {
            case ENVIRONMENT -> "env:" + name;
            case SERVICE -> "service:" + name;
            case CONTAINER -> "container:" + name;
            case CONTAINER_OR_SERVICE -> name;
        };
    }
}
