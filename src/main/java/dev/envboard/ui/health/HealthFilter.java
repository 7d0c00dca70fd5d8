package dev.envboard.ui.health;

import java.util.Locale;

/**
 * What the Health view shows.
 *
 * @param environment null for every environment
 * @param text        matched without case against names, nodes, hosts, tags and check output
 */
public record HealthFilter(boolean criticalOnly, String environment, String text) {

    public static final HealthFilter ALL = new HealthFilter(false, null, "");

    public HealthFilter {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    boolean matchesText(String... fields) {
        if (text.isEmpty()) {
            return true;
        }
        for (String field : fields) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
