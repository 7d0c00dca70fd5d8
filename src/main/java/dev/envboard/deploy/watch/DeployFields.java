package dev.envboard.deploy.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.deploy.DeployStart;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.pool.records.PoolRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deploy as the fields of a pool record (kind {@value #KIND}, subject the environment, id the
 * deploy id), and back. Small on purpose: they are labels on a config or volume. Per service maps
 * are JSON, since service names are not valid field names.
 */
public final class DeployFields {
    public static final String KIND = "deploy";
    public static final String USER = "user";
    public static final String STARTED = "started";
    public static final String STATE = "state";
    public static final String STACK_SHA256 = "stack-sha256";
    /** Per service: the image as written and the digest it is pinned to. */
    public static final String IMAGES = "images";
    public static final String FINISHED = "finished";
    public static final String RESULT = "result";
    public static final String DURATION = "duration-ms";
    public static final String DOWNTIME = "downtime-ms";
    /** Per service: the versions before and after (the local record's, as JSON). */
    public static final String VERSIONS = "versions";
    public static final String ERROR = "error";
    public static final String ROLLBACK_FROM = "rollback-from";
    public static final String RUNNING = "running";
    public static final String ENDED = "ended";
    /** A label is no place for a stack trace: the first lines, shortened. */
    static final int ERROR_CHARS = 300;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<LinkedHashMap<String, ServiceVersion>> VERSIONS_TYPE = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Image>> IMAGES_TYPE = new TypeReference<>() {
    };

    /** One service's image in the start record (public: Jackson reads it). */
    public record Image(String image, String digest) {
    }

    private DeployFields() {
    }

    /** The first revision: the run started. */
    public static Map<String, String> started(DeployStart start) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(USER, start.user());
        fields.put(STARTED, start.startedAt().toString());
        fields.put(STATE, RUNNING);
        putIfKnown(fields, STACK_SHA256, start.stackSha256());
        Map<String, Image> images = new LinkedHashMap<>();
        start.versions().forEach((service, v) -> images.put(service, new Image(v.image(), v.digest())));
        fields.put(IMAGES, json(images));
        return fields;
    }

    /** The last revision: how it ended, what changed. */
    public static Map<String, String> ended(DeployRecord record) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(USER, record.user());
        fields.put(STARTED, record.startedAt().toString());
        fields.put(STATE, ENDED);
        putIfKnown(fields, STACK_SHA256, record.stackSha256());
        Map<String, Image> images = new LinkedHashMap<>();
        record.versions().forEach((service, v) -> images.put(service, new Image(v.image(), v.digest())));
        if (!images.isEmpty()) {
            fields.put(IMAGES, json(images));
        }
        fields.put(FINISHED, record.finishedAt().toString());
        fields.put(RESULT, record.result());
        fields.put(DURATION, Long.toString(record.durationMillis()));
        if (record.downtimeMillis() != null) {
            fields.put(DOWNTIME, Long.toString(record.downtimeMillis()));
        }
        if (!record.versions().isEmpty()) {
            fields.put(VERSIONS, json(record.versions()));
        }
        putIfKnown(fields, ERROR, shortError(record.error()));
        putIfKnown(fields, ROLLBACK_FROM, record.rollbackFrom());
        return fields;
    }

    static String shortError(String error) {
        if (error == null || error.isBlank()) {
            return null;
        }
        String oneLine = String.join(" / ", error.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return oneLine.length() <= ERROR_CHARS ? oneLine : oneLine.substring(0, ERROR_CHARS - 1) + "…";
    }

    /**
     * The deploy a pool record holds, as an entry of the pool {@code pool}.
     *
     * @param staleAfter a record that says "running" for longer is shown as unfinished: its end was never written
     * @throws IllegalArgumentException when the record is not a whole deploy record (named by its id)
     */
    public static DeployEntry entry(PoolRecord r, String pool, Instant now, Duration staleAfter) {
        Instant started = instant(r, STARTED);
        if (started == null) {
            throw new IllegalArgumentException("deploy record " + r.id() + " of " + r.subject() + " has no " + STARTED);
        }
        boolean running = RUNNING.equals(r.field(STATE));
        Map<String, ServiceVersion> versions = versions(r);
        Map<String, String> images = new LinkedHashMap<>();
        versions.forEach((service, v) -> images.put(service, v.image()));
        Instant finished = running ? null : instant(r, FINISHED);
        DeployRecord record = new DeployRecord(r.id(), pool, r.subject(), r.field(USER), started, finished, null,
                r.field(STACK_SHA256), images, List.of(), Map.of(), running ? null : r.field(RESULT), r.field(ERROR), List.of(),
                versions, number(r, DOWNTIME), r.field(ROLLBACK_FROM));
        DeployEntry.Status status = running
                ? (Duration.between(started, now).compareTo(staleAfter) > 0 ? DeployEntry.Status.UNFINISHED : DeployEntry.Status.RUNNING)
                : DeployEntry.Status.ofResult(r.field(RESULT));
        return new DeployEntry(record, pool, status, DeployEntry.Origin.POOL);
    }

    /** The end's versions (before and after); a run in progress has only its images. */
    private static Map<String, ServiceVersion> versions(PoolRecord r) {
        String versions = r.field(VERSIONS);
        if (versions != null) {
            return read(versions, VERSIONS_TYPE, r, VERSIONS);
        }
        String images = r.field(IMAGES);
        Map<String, ServiceVersion> result = new LinkedHashMap<>();
        if (images != null) {
            read(images, IMAGES_TYPE, r, IMAGES).forEach((service, image) ->
                    result.put(service, new ServiceVersion(image.image(), image.digest(), null, null, null)));
        }
        return result;
    }

    private static <T> T read(String text, TypeReference<T> type, PoolRecord r, String field) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("deploy record " + r.id() + " of " + r.subject() + ": field " + field
                    + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Instant instant(PoolRecord r, String field) {
        String value = r.field(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("deploy record " + r.id() + " of " + r.subject() + ": field " + field
                    + " is not a time: " + value);
        }
    }

    private static Long number(PoolRecord r, String field) {
        String value = r.field(field);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("deploy record " + r.id() + " of " + r.subject() + ": field " + field
                    + " is not a number: " + value);
        }
    }

    private static void putIfKnown(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
