package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Errors and warnings found while loading one stack. Reading goes on after an error so that the
 * user sees every problem at once; a value merged from one anchor into several services is
 * reported once, at its line (hence the de-duplication by file, line and message).
 */
final class Problems {
    private final Map<String, InputProblem> found = new LinkedHashMap<>();

    /** A step of reading that may fail on the user's input. */
    interface Reading<T> {
        T read() throws InputException;
    }

    /** A step of reading that produces nothing. */
    interface Step {
        void run() throws InputException;
    }

    void add(InputProblem problem) {
        String identity = problem.severity() + "|" + problem.file() + "|" + problem.line() + "|" + problem.message();
        found.putIfAbsent(identity, problem);
    }

    void error(YamlNode at, String message) {
        add(InputProblem.error(at.file(), at.line(), at.path(), message));
    }

    void warn(YamlNode at, String message) {
        add(at.warning(message));
    }

    /** The reading's result, or the fallback after recording why it failed. */
    <T> T attempt(T fallback, Reading<T> reading) {
        try {
            return reading.read();
        } catch (InputException e) {
            add(e.problem());
            return fallback;
        }
    }

    void run(Step step) {
        try {
            step.run();
        } catch (InputException e) {
            add(e.problem());
        }
    }

    boolean hasErrors() {
        return found.values().stream().anyMatch(InputProblem::isError);
    }

    List<InputProblem> errors() {
        return select(true);
    }

    List<InputProblem> warnings() {
        return select(false);
    }

    /** In reading order: by file, then line (problems without a file first). */
    private List<InputProblem> select(boolean errors) {
        List<InputProblem> out = new ArrayList<>();
        for (InputProblem problem : found.values()) {
            if (problem.isError() == errors) {
                out.add(problem);
            }
        }
        out.sort(Comparator.comparing((InputProblem p) -> p.file() == null ? "" : p.file().toString())
                .thenComparingInt(InputProblem::line));
        return out;
    }
}
