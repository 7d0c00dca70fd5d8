package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys one kind of mapping may hold: those Envboard reads, and those it knows but does not
 * honour (with why). Every other key is warned about as unknown, so nothing is silently dropped;
 * {@code x-} extension fields are allowed anywhere without a warning.
 */
record KeyPolicy(Set<String> read, Map<String, String> notHonoured) {
    static final String UNKNOWN = "unknown key, ignored by Envboard";
    static final String NOT_SUPPORTED = "part of the Compose Specification but not supported by Envboard yet; ignored";

    KeyPolicy {
        read = Set.copyOf(read);
        notHonoured = Map.copyOf(notHonoured);
    }

    /** Reads {@code read}; {@code explained} keys get their own message, {@code otherSpecKeys} a generic one. */
    static KeyPolicy of(Set<String> read, Map<String, String> explained, Set<String> otherSpecKeys) {
        Map<String, String> notHonoured = new HashMap<>();
        otherSpecKeys.forEach(key -> notHonoured.put(key, NOT_SUPPORTED));
        notHonoured.putAll(explained);
        return new KeyPolicy(read, notHonoured);
    }

    /** Warns about each key that is not read, at the key's line, and still interpolates its values. */
    void check(YamlNode map, StackContext context) {
        Map<String, YamlNode> entries = context.problems().attempt(Map.of(), map::entries);
        entries.forEach((key, value) -> {
            if (read.contains(key)) {
                return;
            }
            if (!key.startsWith("x-")) {
                String why = notHonoured.getOrDefault(key, UNKNOWN);
                context.problems().add(InputProblem.warning(value.file(), context.keyLines().line(value), value.path(), why));
            }
            context.scalars().sweep(value);
        });
    }
}
