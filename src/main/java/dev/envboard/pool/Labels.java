package dev.envboard.pool;

import java.util.Map;
import java.util.TreeMap;

/** Helpers for Docker's two label notations: maps (node labels) and "key=value" lists (engines). */
public final class Labels {
    private Labels() {
    }

    /**
     * Engine labels arrive as {@code key=value} strings; a bare key has an empty value. Sorted by
     * key: dockerd's own order changes from one reload to the next.
     */
    public static Map<String, String> fromEngineList(String[] items) {
        Map<String, String> labels = new TreeMap<>();
        if (items == null) {
            return labels;
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                labels.put(item, "");
            } else {
                labels.put(item.substring(0, eq), item.substring(eq + 1));
            }
        }
        return labels;
    }

    /** The environment a label set places a host in, or null when unassigned. */
    public static String environment(Map<String, String> labels, String key) {
        String value = labels.get(key);
        return value == null || value.isBlank() ? null : value;
    }
}
