package dev.envboard.pool.placement;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Swarm placement constraint, {@code node.labels.environment==qa}, evaluated the way Swarm
 * does: label values exactly, node attributes (hostname, role, platform) case-insensitively.
 */
public record Constraint(String key, boolean equal, String value) {
    private static final Pattern FORM = Pattern.compile("^\\s*([\\w.\\-/]+)\\s*(==|!=)\\s*(.*?)\\s*$");

    public static Constraint parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a placement constraint: \"" + text + "\" (expected key==value or key!=value)");
        }
        return new Constraint(m.group(1), m.group(2).equals("=="), m.group(3));
    }

    public static boolean allMatch(List<Constraint> constraints, NodeFacts node) {
        return constraints.stream().allMatch(c -> c.matches(node));
    }

    public boolean matches(NodeFacts node) {
        boolean same = sameValue(node);
        return equal == same;
    }

    /** Does this constraint read the given node label (or engine label, with engine=true)? */
    public boolean reads(String labelKey, boolean engine) {
        return key.equals((engine ? "engine.labels." : "node.labels.") + labelKey);
    }

    private boolean sameValue(NodeFacts node) {
        String k = key.toLowerCase(Locale.ROOT);
        if (key.startsWith("node.labels.")) {
            return value.equals(node.nodeLabels().get(key.substring("node.labels.".length())));
        }
        if (key.startsWith("engine.labels.")) {
            return value.equals(node.engineLabels().get(key.substring("engine.labels.".length())));
        }
        return switch (k) {
            case "node.id" -> value.equals(node.id());
            case "node.hostname" -> value.equalsIgnoreCase(node.hostname());
            case "node.role" -> value.equalsIgnoreCase(node.role());
            case "node.platform.os" -> value.equalsIgnoreCase(node.os());
            case "node.platform.arch" -> value.equalsIgnoreCase(node.arch());
            // Swarm rejects unknown keys when the service is created; treat them as not matching.
            default -> false;
        };
    }

    @Override
    public String toString() {
        return key + (equal ? "==" : "!=") + value;
    }
}
