package dev.envboard.demo.template;

import dev.envboard.yaml.InputProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A template that cannot be used: every problem found, each naming file, line and key. */
public final class TemplateException extends Exception {
    private final transient List<InputProblem> problems;

    public TemplateException(List<InputProblem> problems) {
        super(problems.stream().map(InputProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<InputProblem> problems() {
        return problems;
    }
}
