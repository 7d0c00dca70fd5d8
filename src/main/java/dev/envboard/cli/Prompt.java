package dev.envboard.cli;

/** Asks the person at the terminal a yes/no question; false when nobody can answer. */
@FunctionalInterface
public interface Prompt {
    boolean confirm(String question);

    /** For scripts and CI: no terminal, so nothing is ever confirmed without --yes. */
    Prompt NOBODY = question -> false;

    /** The process's console, if it has one. */
    static Prompt console() {
        java.io.Console console = System.console();
        if (console == null) {
            return NOBODY;
        }
        return question -> {
            String answer = console.readLine("%s [y/N] ", question);
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        };
    }
}
