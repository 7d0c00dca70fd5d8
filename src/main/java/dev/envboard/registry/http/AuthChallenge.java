package dev.envboard.registry.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge: {@code Basic realm="..."} or
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:x:pull"}.
 */
record AuthChallenge(String scheme, Map<String, String> params) {
    private static final Pattern PARAM = Pattern.compile("\\s*([A-Za-z0-9_-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))\\s*,?");

    static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String text = header.trim();
        int space = text.indexOf(' ');
        String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space > 0) {
            Matcher m = PARAM.matcher(text.substring(space + 1));
            while (m.lookingAt()) {
                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                params.put(m.group(1).toLowerCase(Locale.ROOT), value);
                m.region(m.end(), m.regionEnd());
            }
        }
        return Optional.of(new AuthChallenge(scheme, Map.copyOf(params)));
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    String param(String name) {
        return params.get(name);
    }
}
