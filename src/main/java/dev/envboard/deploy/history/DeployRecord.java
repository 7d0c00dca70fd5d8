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
 * @param versions  per service: the image (tag and digest) deployed and what ran before; empty in old records
 * @param downtimeMillis from the first old container stopped to every new replica running (and
 *                  healthy); null when nothing was stopped, the run did not finish, or an old record
 * @param rollbackFrom the id of the record whose versions this run redeployed ({@code --from}); null
 *                  for a redeploy from the stack's own images, and in old records
 */
public record DeployRecord(String id, String pool, String environment, String user, Instant startedAt,
                           Instant finishedAt, String stackFile, String stackSha256, Map<String, String> images,
                           List<StepTiming> steps, Map<String, Long> services, String result, String error,
                           List<SkippedCheck> skippedChecks, Map<String, ServiceVersion> versions, Long downtimeMillis,
                           String rollbackFrom) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String REFUSED = "refused";

    public record StepTiming(String step, long millis, boolean ok) {
    }

    /** A record without versions or downtime (as runs before they were kept). */
    public DeployRecord(String id, String pool, String environment, String user, Instant startedAt, Instant finishedAt,
                        String stackFile, String stackSha256, Map<String, String> images, List<StepTiming> steps,
                        Map<String, Long> services, String result, String error, List<SkippedCheck> skippedChecks) {
        this(id, pool, environment, user, startedAt, finishedAt, stackFile, stackSha256, images, steps, services, result,
                error, skippedChecks, null, null, null);
    }

    /** A record of a redeploy from the stack's own images (not a rollback). */
    public DeployRecord(String id, String pool, String environment, String user, Instant startedAt, Instant finishedAt,
                        String stackFile, String stackSha256, Map<String, String> images, List<StepTiming> steps,
                        Map<String, Long> services, String result, String error, List<SkippedCheck> skippedChecks,
                        Map<String, ServiceVersion> versions, Long downtimeMillis) {
        this(id, pool, environment, user, startedAt, finishedAt, stackFile, stackSha256, images, steps, services, result,
                error, skippedChecks, versions, downtimeMillis, null);
    }

    public DeployRecord {
        images = images == null ? Map.of() : Map.copyOf(images);
        steps = steps == null ? List.of() : List.copyOf(steps);
        services = services == null ? Map.of() : Map.copyOf(services);
        skippedChecks = skippedChecks == null ? List.of() : List.copyOf(skippedChecks);
        versions = versions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
    }

    /** "old → new" per service, in stack order; empty when the record has no versions. */
    public List<String> describeVersions() {
        return versions.entrySet().stream().map(e -> e.getValue().describe(e.getKey())).toList();
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(result);
    }

    public long durationMillis() {
        return finishedAt == null || startedAt == null ? 0 : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
