package dev.envboard.pool.label;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A daemon.json as text in, text out, with only the labels of one key changed. Pure: no I/O.
 * Parsing is as strict as dockerd's Go parser (no comments, no trailing commas, nothing after the
 * object), and anything Envboard does not understand is refused rather than guessed at, because
 * the output replaces the host's real configuration.
 */
public final class DaemonJson {
    // Immutable once built (ObjectMapper is thread-safe for reading and writing): a constant, not state.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Numbers are written back exactly as they were read, e.g. 1.50 stays 1.50.
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    /** Two spaces, {@code "key": value}, one array item a line, {@code []} when empty: as jq and most editors write it. */
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final String LABELS = "labels";

    private final String text;
    private final ObjectNode root;
    private final String host;
    private final String path;

    private DaemonJson(String text, ObjectNode root, String host, String path) {
        this.text = text;
        this.root = root;
        this.host = host;
        this.path = path;
    }

    /**
     * @param text the file's content; empty (or only white space) counts as {@code {}}, as for dockerd
     * @param host the host, for messages
     * @param path the file's path on that host, for messages
     * @throws LabelChangeException when the text is not JSON, not an object, or its labels are not a list of strings
     */
    public static DaemonJson parse(String text, String host, String path) throws LabelChangeException {
        // dockerd accepts a UTF-8 byte order mark; Jackson would report it as an unexpected character.
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (json.isBlank()) {
            return new DaemonJson(text, JSON.createObjectNode(), host, path);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new LabelChangeException(host + ": " + path + where + " is not valid JSON (" + originalMessage(e)
                    + "); fix the file first, Envboard changes nothing in a file it cannot read");
        }
        if (!root.isObject()) {
            throw new LabelChangeException(host + ": " + path + " holds " + describe(root)
                    + " where dockerd expects an object ({...}); fix the file first");
        }
        DaemonJson parsed = new DaemonJson(text, (ObjectNode) root, host, path);
        parsed.labels();
        return parsed;
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /** The {@code labels} entries in file order; empty when there is no such key. */
    public List<String> labels() throws LabelChangeException {
        JsonNode labels = root.get(LABELS);
        if (labels == null) {
            return List.of();
        }
        if (!labels.isArray()) {
            throw new LabelChangeException(host + ": " + path + ": \"labels\" is " + describe(labels)
                    + ", not a list of \"key=value\" strings; fix the file first");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : labels) {
            if (!item.isTextual()) {
                throw new LabelChangeException(host + ": " + path + ": \"labels\" holds " + describe(item)
                        + ", where only \"key=value\" strings are allowed; fix the file first");
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** The values the file gives {@code key}, in order ({@code ""} for a bare key). */
    public List<String> valuesOf(String key) throws LabelChangeException {
        checkKey(key);
        List<String> values = new ArrayList<>();
        for (String label : labels()) {
            if (isFor(label, key)) {
                values.add(label.length() == key.length() ? "" : label.substring(key.length() + 1));
            }
        }
        return values;
    }

    /**
     * The file's new text with {@code key} set to {@code value} (or removed, for null) and
     * everything else kept. Returns {@link #text()} itself when the labels would not change, so an
     * unchanged file is never reformatted. The result is parsed again before it is returned.
     */
    public String withLabel(String key, String value) throws LabelChangeException {
        checkKey(key);
        List<String> current = labels();
        List<String> next = new ArrayList<>();
        boolean placed = false;
        for (String label : current) {
            if (!isFor(label, key)) {
                next.add(label);
            } else if (value != null && !placed) {
                next.add(key + "=" + value); // where the old one was: the smallest diff
                placed = true;
            }
        }
        if (value != null && !placed) {
            next.add(key + "=" + value);
        }
        if (next.equals(current)) {
            return text;
        }
        ObjectNode changed = root.deepCopy();
        // Always written, even empty: dockerd keeps its old labels on reload when the key is missing.
        ArrayNode labels = changed.putArray(LABELS);
        next.forEach(labels::add);
        String output;
        try {
            output = PRETTY.writeValueAsString(changed) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON that was just read", e);
        }
        List<String> check = parse(output, host, path).valuesOf(key);
        if (!check.equals(value == null ? List.of() : List.of(value))) {
            throw new IllegalStateException("the new " + path + " does not read back as " + key + "=" + value + ": " + check);
        }
        return output;
    }

    private static boolean isFor(String label, String key) {
        return label.equals(key) || label.startsWith(key + "=");
    }

    static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank() || key.indexOf('=') >= 0) {
            throw new IllegalArgumentException("not a label key: \"" + key + "\"");
        }
    }

    private static String originalMessage(JsonProcessingException e) {
        // Jackson appends "[Source: ...]" locations inside some messages; the line and column are given already.
        return e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:[^]]*]\\)", "")
                .replaceAll("\\s*\\[Source:[^]]*]", "").strip();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string (" + node + ")";
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
