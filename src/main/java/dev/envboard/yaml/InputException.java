package dev.envboard.yaml;

/** Thrown where reading a user's file cannot go on; carries the located problem. */
public class InputException extends Exception {
    private final transient InputProblem problem;

    public InputException(InputProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public InputProblem problem() {
        return problem;
    }
}
