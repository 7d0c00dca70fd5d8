package dev.envboard.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a service instance declares itself: its meta value for the pool's label key,
 * else a tag {@code KEY=ENV} or {@code KEY:ENV}. Without either it is its host's environment.
 */
final class EnvironmentOf {
    private EnvironmentOf() {
    }

    static Optional<String> service(Map<String, String> meta, List<String> tags, String labelKey) {
        String fromMeta = meta.get(labelKey);
        if (fromMeta != null && !fromMeta.isBlank()) {
            return Optional.of(fromMeta.trim());
        }
        for (String tag : tags) {
            if (tag != null && tag.length() > labelKey.length() + 1 && tag.startsWith(labelKey)) {
                char separator = tag.charAt(labelKey.length());
                String value = tag.substring(labelKey.length() + 1).trim();
                if ((separator == '=' || separator == ':') && !value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
