package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A stacks folder in a temporary directory, for the loader tests. */
final class StackFixture {
    final Path stacks;

    StackFixture(Path stacks) {
        this.stacks = stacks;
    }

    Path write(String relativePath, String text) {
        try {
            Path file = stacks.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Stack load(String environment) throws StackException {
        return new StackLoader().load(stacks, environment);
    }

    /** The errors of a load that must fail. */
    List<InputProblem> errors(String environment) {
        try {
            load(environment);
        } catch (StackException e) {
            return e.problems();
        }
        throw new AssertionError("expected the stack of " + environment + " to fail");
    }

    static String describe(List<InputProblem> problems) {
        return problems.stream().map(InputProblem::toString).collect(Collectors.joining("\n"));
    }
}
