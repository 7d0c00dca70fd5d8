package dev.envboard.yaml;

import java.nio.file.Path;

/**
 * One thing wrong with a user's file, located so the user can go straight to it:
 * {@code pools.yaml:12: pools[1].endpoint: unknown scheme "http"}.
 */
public record InputProblem(Path file, int line, String field, String message, Severity severity) {

    public enum Severity { ERROR, WARNING }

    public static InputProblem error(Path file, int line, String field, String message) {
        return new InputProblem(file, line, field, message, Severity.ERROR);
    }

    public static InputProblem warning(Path file, int line, String field, String message) {
        return new InputProblem(file, line, field, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
        }
        if (field != null && !field.isEmpty()) {
            text.append(field).append(": ");
        }
        if (severity == Severity.WARNING) {
            text.append("warning: ");
        }
        return text.append(message).toString();
    }
}
