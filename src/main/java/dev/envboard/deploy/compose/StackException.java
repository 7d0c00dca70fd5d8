package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A stack that cannot be deployed: every error found, each with file, line and key. */
public class StackException extends Exception {
    private final transient List<InputProblem> problems;

    public StackException(List<InputProblem> problems) {
        super(problems.stream().map(InputProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<InputProblem> problems() {
        return problems;
    }
}
