package dev.envboard.deploy.compose;

/**
 * depends_on: start after {@code service}. condition is "service_started" (the default, also for
 * the short list form), "service_healthy" or "service_completed_successfully".
 */
public record Dependency(String service, String condition) {
    public static final String STARTED = "service_started";
    public static final String HEALTHY = "service_healthy";
    public static final String COMPLETED = "service_completed_successfully";
}
