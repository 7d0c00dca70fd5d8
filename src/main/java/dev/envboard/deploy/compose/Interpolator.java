package dev.envboard.deploy.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compose's variable interpolation: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR:+alt}},
 * {@code ${VAR+alt}} and {@code $$} for a literal {@code $}. Variables come from a fixed map (the
 * environment's .env plus ENVIRONMENT), never the process environment, so a deploy is reproducible.
 */
final class Interpolator {
    private final Map<String, String> variables;

    Interpolator(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The interpolated text and the variables it used that are not set (they became ""). */
    record Result(String value, List<String> unset) {
    }

    /** A malformed expression or a required variable without a value. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    Result interpolate(String text) throws Failure {
        List<String> unset = new ArrayList<>();
        String value = expand(text, 0, true, unset);
        return new Result(value, List.copyOf(new LinkedHashSet<>(unset)));
    }

    /**
     * Expands one piece of text. {@code live} is false for a default or alternative that is not
     * used: its syntax is still checked (nothing malformed goes unnoticed), but its variables are
     * neither required nor reported unset.
     */
    private String expand(String text, int offset, boolean live, List<String> unset) throws Failure {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            int at = offset + i;
            if (i + 1 >= text.length()) {
                throw malformed(at, "a lone \"$\" ends the value");
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    throw malformed(at, "\"${\" is not closed by \"}\"");
                }
                out.append(braced(text.substring(i + 2, close), offset + i + 2, at, live, unset));
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = i + 2;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                out.append(lookup(text.substring(i + 1, end), live, unset));
                i = end;
            } else {
                throw malformed(at, "\"$" + next + "\" is not a variable");
            }
        }
        return out.toString();
    }

    private String braced(String inner, int innerOffset, int at, boolean live, List<String> unset) throws Failure {
        int nameEnd = 0;
        while (nameEnd < inner.length() && isNamePart(inner.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = inner.substring(0, nameEnd);
        if (name.isEmpty()) {
            throw malformed(at, inner.isEmpty() ? "\"${}\" names no variable" : "\"${" + inner + "}\" does not start with a variable name");
        }
        if (!isNameStart(name.charAt(0))) {
            throw malformed(at, "variable names start with a letter or \"_\", not \"" + name + "\"");
        }
        String rest = inner.substring(nameEnd);
        if (rest.isEmpty()) {
            return lookup(name, live, unset);
        }
        String operator = rest.startsWith(":") ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
        String argument = rest.substring(operator.length());
        int argumentOffset = innerOffset + nameEnd + operator.length();
        String value = variables.get(name);
        boolean set = value != null;
        boolean setAndNotEmpty = set && !value.isEmpty();
        switch (operator) {
            case ":-", "-" -> {
                boolean useDefault = operator.equals(":-") ? !setAndNotEmpty : !set;
                String fallback = expand(argument, argumentOffset, live && useDefault, unset);
                return useDefault ? fallback : value;
            }
            case ":+", "+" -> {
                boolean useAlternative = operator.equals(":+") ? setAndNotEmpty : set;
                String alternative = expand(argument, argumentOffset, live && useAlternative, unset);
                return useAlternative ? alternative : "";
            }
            case ":?", "?" -> {
                boolean missing = operator.equals(":?") ? !setAndNotEmpty : !set;
                if (missing && live) {
                    String message = argument.trim();
                    throw new Failure("required variable " + name + " is missing a value"
                            + (message.isEmpty() ? "" : ": " + message));
                }
                return set ? value : "";
            }
            default -> throw malformed(at, "unknown operator \"" + operator + "\" after " + name
                    + " (use :-, -, :?, ?, :+ or +)");
        }
    }

    private String lookup(String name, boolean live, List<String> unset) {
        String value = variables.get(name);
        if (value == null) {
            if (live) {
                unset.add(name);
            }
            return "";
        }
        return value;
    }

    /** Index of the "}" closing a "${" whose content starts at {@code from}; nested "${...}" count. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '$')) {
                depth += text.charAt(i + 1) == '{' ? 1 : 0;
                i++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Failure malformed(int index, String why) {
        return new Failure("bad variable expression at character " + (index + 1) + ": " + why
                + " (write $$ for a literal $)");
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
