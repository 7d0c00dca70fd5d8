package dev.envboard.demo.template;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A value the user gives when launching a demo, interpolated into the template's stack as
 * {@code ${NAME}}.
 *
 * @param label        what a form shows next to the field
 * @param defaultValue used when the user gives none; null when there is none
 * @param required     a value (given or default) must not be empty
 * @param pattern      the whole value must match it (Java regular expression); null for any
 * @param maxLength    at most this many characters; 0 for no limit
 * @param line         line of the variable in template.yaml, for messages
 */
public record TemplateVariable(String name, String label, String defaultValue, boolean required, String pattern,
                               int maxLength, int line) {

    /** Empty when {@code value} (never null: "" for none) is acceptable, else why not. */
    public Optional<String> problem(String value) {
        if (value.isEmpty()) {
            return required ? Optional.of(name + " is required" + (label.equals(name) ? "" : " (" + label + ")"))
                    : Optional.empty();
        }
        if (maxLength > 0 && value.length() > maxLength) {
            return Optional.of(name + " is at most " + maxLength + " characters, not " + value.length());
        }
        if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
            return Optional.of(name + " \"" + value + "\" does not match " + pattern);
        }
        return Optional.empty();
    }
}
