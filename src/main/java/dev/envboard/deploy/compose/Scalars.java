package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads scalar values the way Compose does: interpolated first, then typed. Unset variables
 * become "" with a warning; a bad expression or a missing required variable fails the value.
 */
final class Scalars {
    // Bounds the walk over values nobody reads (extensions, ignored keys) against alias bombs.
    private static final int SWEEP_BUDGET = 100_000;

    private final Interpolator interpolator;
    private final Problems problems;
    private int sweepLeft = SWEEP_BUDGET;

    Scalars(Interpolator interpolator, Problems problems) {
        this.interpolator = interpolator;
        this.problems = problems;
    }

    String text(YamlNode node) throws InputException {
        String raw = node.asString();
        try {
            Interpolator.Result result = interpolator.interpolate(raw);
            for (String variable : result.unset()) {
                problems.add(InputProblem.warning(node.file(), node.line(), node.path(),
                        "variable " + variable + " is not set, using an empty string"));
            }
            return result.value();
        } catch (Interpolator.Failure e) {
            throw node.problem(e.getMessage());
        }
    }

    int wholeNumber(YamlNode node, int min) throws InputException {
        String text = text(node).trim();
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw node.problem("must be a whole number, not \"" + text + "\"");
        }
        if (value < min) {
            throw node.problem("must be " + min + " or more, not " + value);
        }
        return value;
    }

    boolean bool(YamlNode node) throws InputException {
        String text = text(node).trim().toLowerCase();
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw node.problem("must be true or false, not \"" + text + "\"");
        };
    }

    Duration duration(YamlNode node) throws InputException {
        try {
            return ComposeDuration.parse(text(node));
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    /** A list of single values; every bad item is recorded, the good ones returned. */
    List<String> texts(YamlNode list) throws InputException {
        List<String> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            String text = problems.attempt(null, () -> text(item));
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /**
     * Interpolates every value below a node nobody reads (extension fields, ignored keys), so that
     * a broken expression or missing required variable is reported there too, as Compose would.
     */
    void sweep(YamlNode node) {
        if (sweepLeft <= 0) {
            return;
        }
        if (--sweepLeft == 0) {
            problems.error(node, "too many values after expanding aliases; simplify the file");
            return;
        }
        if (node.isNull()) {
            return;
        }
        if (node.isScalar()) {
            problems.attempt(null, () -> text(node));
        } else if (node.isMap()) {
            problems.attempt(Map.<String, YamlNode>of(), node::entries).values().forEach(this::sweep);
        } else if (node.isList()) {
            problems.attempt(List.<YamlNode>of(), node::items).forEach(this::sweep);
        }
    }
}
