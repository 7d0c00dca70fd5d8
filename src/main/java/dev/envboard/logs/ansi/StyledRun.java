package dev.envboard.logs.ansi;

/** A stretch of text, free of escape sequences, drawn in one style. */
public record StyledRun(String text, TextStyle style) {
}
