package dev.envboard.logs;

/**
 * The source a line belongs to, shared by all of that source's lines (one reference per line).
 *
 * @param label       what to print before a merged line, e.g. {@code qa_web_1}
 * @param colourIndex 0, 1, 2… stable for the session; the UI maps it onto its own palette (modulo)
 */
public record LogOrigin(String label, int colourIndex) {
}
