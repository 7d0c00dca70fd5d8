package dev.envboard.deploy.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One redeploy as it happened: who, when, which stack (file and hash), which images, how long each
 * step and service took, and how it ended.
 *
 * @param result    "succeeded", "failed", "cancelled" or "refused" (nothing was touched)
 * @param error     why it failed or was refused, and the state it left; null on success
 * @param steps     each step that ran, in order
 * @param services  time from creation to running (and healthy) per service
 * @param skippedChecks the validation checks that could not run, and whether the user accepted each
 */
public record DeployRecord(String id, String pool, String environment, String user, Instant startedAt,
                           Instant finishedAt, String stackFile, String stackSha256, Map<String, String> images,
                           List<StepTiming> steps, Map<String, Long> services, String result, String error,
                           List<SkippedCheck> skippedChecks) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String REFUSED = "refused";

    public record StepTiming(String step, long millis, boolean ok) {
    }

    public DeployRecord {
        images = images == null ? Map.of() : Map.copyOf(images);
        steps = steps == null ? List.of() : List.copyOf(steps);
        services = services == null ? Map.of() : Map.copyOf(services);
        skippedChecks = skippedChecks == null ? List.of() : List.copyOf(skippedChecks);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(result);
    }

    public long durationMillis() {
        return finishedAt == null || startedAt == null ? 0 : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
