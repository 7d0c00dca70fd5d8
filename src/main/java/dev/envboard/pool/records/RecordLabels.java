package dev.envboard.pool.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** How a record is written as labels on a Docker object, and read back from them. */
final class RecordLabels {
    static final String KIND = "dev.envboard.record";
    static final String SUBJECT = "dev.envboard.record.subject";
    static final String ID = "dev.envboard.record.id";
    static final String REVISION = "dev.envboard.record.revision";
    private static final Pattern NAME_PART = Pattern.compile("[a-z][a-z0-9-]{0,15}");

    private RecordLabels() {
    }

    static void checkKind(String kind) {
        if (!NAME_PART.matcher(kind).matches()) {
            throw new IllegalArgumentException("record kind must be 1-16 of a-z, 0-9 and '-': " + kind);
        }
    }

    static void checkField(String field) {
        if (!field.matches("[a-z][a-z0-9.-]*")) {
            throw new IllegalArgumentException("record field must be lower case letters, digits, '.' and '-': " + field);
        }
    }

    static String kindFilter(String kind) {
        return KIND + "=" + kind;
    }

    /** The field labels live under dev.envboard.KIND., so `docker volume/config inspect` reads naturally. */
    static String fieldLabel(String kind, String field) {
        return "dev.envboard." + kind + "." + field;
    }

    static Map<String, String> labels(String kind, String subject, String id, long revision, Map<String, String> fields) {
        Map<String, String> labels = new HashMap<>();
        fields.forEach((field, value) -> {
            checkField(field);
            labels.put(fieldLabel(kind, field), value);
        });
        labels.put(KIND, kind);
        labels.put(SUBJECT, subject);
        labels.put(ID, id);
        labels.put(REVISION, Long.toString(revision));
        return labels;
    }

    /** The record these labels hold, or empty when they are not one of ours (or not whole). */
    static Optional<PoolRecord> read(Map<String, String> labels, String location) {
        String kind = labels.get(KIND);
        String subject = labels.get(SUBJECT);
        String id = labels.get(ID);
        String revision = labels.get(REVISION);
        if (kind == null || subject == null || id == null || revision == null) {
            return Optional.empty();
        }
        long number;
        try {
            number = Long.parseLong(revision);
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
        String prefix = fieldLabel(kind, "");
        Map<String, String> fields = new HashMap<>();
        labels.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                fields.put(key.substring(prefix.length()), value);
            }
        });
        return Optional.of(new PoolRecord(kind, subject, id, number, fields, List.of(location)));
    }

    /**
     * A name for one revision. Swarm config names are limited to 64 characters, and subjects can be
     * long, so the key is hashed; the labels carry the real key.
     */
    static String objectName(String kind, String subject, String id, long revision) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((kind + "\n" + subject + "\n" + id).getBytes(StandardCharsets.UTF_8));
            return "envboard-" + kind + "-" + HexFormat.of().formatHex(hash, 0, 6) + "-" + revision;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
