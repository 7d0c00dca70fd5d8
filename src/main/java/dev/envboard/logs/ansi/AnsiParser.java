package dev.envboard.logs.ansi;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a log line with ANSI escape sequences into styled runs. SGR sequences ({@code ESC[...m})
 * set the style: reset, bold, dim, italic, underline, inverse, strikethrough, the 8 + 8 bright
 * colours (30–37, 90–97, 40–47, 100–107), 256 colours ({@code 38;5;n}) and 24-bit colour
 * ({@code 38;2;r;g;b}, also with colons), defaults (39, 49). Every other escape sequence (cursor
 * moves, erase, titles, charsets…) and control character but tab is dropped, so none shows as
 * garbage; a sequence cut off or malformed is dropped up to where it stops making sense. Pure and
 * stateless; the buffer keeps raw text and a view parses only the lines it shows.
 */
public final class AnsiParser {
    private static final char ESC = 0x1b;
    private static final char CSI = 0x9b;
    private static final char BEL = 0x07;
    private static final char ST = 0x9c;
    /** Parameters beyond this are nonsense; capping them avoids overflow. */
    private static final int MAX_PARAMETER = 65_535;

    /** Runs of one line, and the style in force at its end (for programs that carry colour across lines). */
    public record Result(List<StyledRun> runs, TextStyle endStyle) {
    }

    private AnsiParser() {
    }

    /** The runs of {@code text}, starting plain. Empty text gives no runs. */
    public static List<StyledRun> parse(String text) {
        return parse(text, TextStyle.PLAIN).runs();
    }

    public static Result parse(String text, TextStyle start) {
        if (isPlain(text)) {
            return new Result(text.isEmpty() ? List.of() : List.of(new StyledRun(text, start)), start);
        }
        Builder out = new Builder(text.length(), start);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ESC && i + 1 < n && text.charAt(i + 1) == '[') {
                i = controlSequence(text, i + 2, out);
            } else if (c == CSI) {
                i = controlSequence(text, i + 1, out);
            } else if (c == ESC) {
                i = escapeSequence(text, i + 1);
            } else if (c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f) {
                i++; // a control character (CR, BS, BEL…): nothing to show
            } else {
                out.append(c);
                i++;
            }
        }
        return out.finish();
    }

    /** The text without any escape sequence or control character but tab: for search and copy. */
    public static String strip(String text) {
        if (isPlain(text)) {
            return text;
        }
        StringBuilder plain = new StringBuilder(text.length());
        for (StyledRun run : parse(text)) {
            plain.append(run.text());
        }
        return plain.toString();
    }

    private static boolean isPlain(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f) {
                return false;
            }
        }
        return true;
    }

    /** {@code ESC [} params intermediates final; returns where the text goes on. */
    private static int controlSequence(String text, int from, Builder out) {
        int n = text.length();
        int p = from;
        while (p < n && text.charAt(p) >= 0x30 && text.charAt(p) <= 0x3f) {
            p++;
        }
        int paramsEnd = p;
        while (p < n && text.charAt(p) >= 0x20 && text.charAt(p) <= 0x2f) {
            p++;
        }
        if (p >= n || text.charAt(p) < 0x40 || text.charAt(p) > 0x7e) {
            return p; // cut off or malformed: drop what was read, go on from the byte that broke it
        }
        if (text.charAt(p) == 'm' && p == paramsEnd && isSgrParameters(text, from, paramsEnd)) {
            out.style(Sgr.apply(out.style(), parameters(text, from, paramsEnd)));
        }
        return p + 1;
    }

    /** Any other escape: string sequences (OSC, DCS, PM, APC, SOS) up to their terminator, else ESC intermediates final. */
    private static int escapeSequence(String text, int from) {
        int n = text.length();
        if (from >= n) {
            return n;
        }
        char kind = text.charAt(from);
        if (kind == ']' || kind == 'P' || kind == '^' || kind == '_' || kind == 'X') {
            for (int p = from + 1; p < n; p++) {
                char c = text.charAt(p);
                if (c == BEL || c == ST) {
                    return p + 1;
                }
                if (c == ESC && p + 1 < n && text.charAt(p + 1) == '\\') {
                    return p + 2;
                }
            }
            return n; // unterminated: the rest is the sequence's
        }
        int p = from;
        while (p < n && text.charAt(p) >= 0x20 && text.charAt(p) <= 0x2f) {
            p++;
        }
        if (p < n && text.charAt(p) >= 0x30 && text.charAt(p) <= 0x7e) {
            return p + 1;
        }
        return p; // a lone ESC: drop it
    }

    /** SGR takes digits, ';' and ':' only; '<', '=', '>', '?' mark private sequences (e.g. xterm's ESC[>4;1m). */
    private static boolean isSgrParameters(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != ';' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /** Parameters split at ';', each with its ':' sub-parameters; an empty one is -1. */
    private static List<int[]> parameters(String text, int from, int to) {
        List<int[]> groups = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int value = -1;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : ';';
            if (c >= '0' && c <= '9') {
                value = Math.min(MAX_PARAMETER, (value < 0 ? 0 : value * 10) + (c - '0'));
            } else {
                current.add(value);
                value = -1;
                if (c == ';') {
                    groups.add(current.stream().mapToInt(Integer::intValue).toArray());
                    current.clear();
                }
            }
        }
        return groups;
    }

    /** Collects runs, starting a new one only when the style really changes between characters. */
    private static final class Builder {
        private final List<StyledRun> runs = new ArrayList<>(4);
        private final StringBuilder text;
        private TextStyle style;
        private TextStyle textStyle;

        Builder(int length, TextStyle start) {
            this.text = new StringBuilder(length);
            this.style = start;
            this.textStyle = start;
        }

        TextStyle style() {
            return style;
        }

        void style(TextStyle next) {
            style = next;
        }

        void append(char c) {
            if (style != textStyle) {
                if (text.length() > 0 && !style.equals(textStyle)) {
                    flush();
                }
                textStyle = style;
            }
            text.append(c);
        }

        private void flush() {
            runs.add(new StyledRun(text.toString(), textStyle));
            text.setLength(0);
        }

        Result finish() {
            if (text.length() > 0) {
                flush();
            }
            return new Result(List.copyOf(runs), style);
        }
    }
}
