package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The .env format as Docker Compose reads it: {@code KEY=value}, an optional {@code export }
 * prefix, {@code #} comments and blank lines; single-quoted values literal, double-quoted values
 * with backslash escapes (both may span lines); unquoted values trimmed, with an inline comment
 * after whitespace and {@code #}. Unlike Compose, values are NOT interpolated: a .env is plain
 * data, which keeps it simple and predictable.
 */
final class DotEnvFile {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    record Entry(String key, String value, int line) {
    }

    /** Every entry, and an error for every line that is not one (reading goes on past it). */
    record Parsed(List<Entry> entries, List<InputProblem> errors) {
    }

    private DotEnvFile() {
    }

    static Parsed parse(Path file, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<Entry> entries = new ArrayList<>();
        List<InputProblem> errors = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                errors.add(InputProblem.error(file, lineNumber, "", "expected KEY=value, not \"" + line + "\""));
                continue;
            }
            String key = line.substring(0, equals).strip();
            if (!KEY.matcher(key).matches()) {
                errors.add(InputProblem.error(file, lineNumber, "", "not a variable name: \"" + key + "\""));
                continue;
            }
            String rest = line.substring(equals + 1);
            String trimmed = rest.stripLeading();
            if (trimmed.startsWith("'") || trimmed.startsWith("\"")) {
                i = quoted(file, lines, i, key, trimmed, entries, errors);
            } else {
                entries.add(new Entry(key, unquoted(rest), lineNumber));
            }
        }
        return new Parsed(entries, errors);
    }

    /** Reads a quoted value starting on line {@code first}; returns the index of its last line. */
    private static int quoted(Path file, String[] lines, int first, String key, String start,
                              List<Entry> entries, List<InputProblem> errors) {
        char quote = start.charAt(0);
        StringBuilder raw = new StringBuilder(start.substring(1));
        int last = first;
        int close = closingQuote(raw, quote);
        while (close < 0 && last + 1 < lines.length) {
            raw.append('\n').append(lines[++last]);
            close = closingQuote(raw, quote);
        }
        if (close < 0) {
            errors.add(InputProblem.error(file, first + 1, key, "the quoted value is never closed"));
            return last;
        }
        String after = raw.substring(close + 1).strip();
        if (!after.isEmpty() && !after.startsWith("#")) {
            errors.add(InputProblem.error(file, last + 1, key, "unexpected text after the closing quote: \"" + after + "\""));
            return last;
        }
        String body = raw.substring(0, close);
        entries.add(new Entry(key, quote == '"' ? unescape(body) : body, first + 1));
        return last;
    }

    private static int closingQuote(CharSequence raw, char quote) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\', '"', '$' -> out.append(next);
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    /** Unquoted: "#" starts a comment only after whitespace ({@code KEY=a#b} keeps "a#b"). */
    private static String unquoted(String rest) {
        for (int i = 1; i < rest.length(); i++) {
            if (rest.charAt(i) == '#' && Character.isWhitespace(rest.charAt(i - 1))) {
                return rest.substring(0, i).strip();
            }
        }
        return rest.strip();
    }
}
