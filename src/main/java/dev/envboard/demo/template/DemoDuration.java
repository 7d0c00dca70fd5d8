package dev.envboard.demo.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lifetimes as people write them: {@code 3d}, {@code 12h}, {@code 30m}, {@code 1w}, or several
 * parts at once ({@code 1d12h}). Whole units only; days are 24 hours.
 */
public final class DemoDuration {
    private static final Pattern PART = Pattern.compile("(\\d{1,6})([wdhm])");
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,6}[wdhm])+");

    private DemoDuration() {
    }

    /** @throws IllegalArgumentException saying how to write it */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase().replace(" ", "");
        if (!WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (write it like 3d, 12h, 30m, 1w or 1d12h)");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(s);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "w" -> Duration.ofDays(7 * n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("a duration of zero: \"" + text + "\" (write it like 3d, 12h or 30m)");
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back: {@code 3d}, {@code 1d12h}, {@code 45m}; seconds are dropped. */
    public static String format(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes <= 0) {
            return "0m";
        }
        List<String> parts = new ArrayList<>();
        long days = minutes / (24 * 60);
        long hours = minutes % (24 * 60) / 60;
        long rest = minutes % 60;
        if (days > 0) {
            parts.add(days + "d");
        }
        if (hours > 0) {
            parts.add(hours + "h");
        }
        if (rest > 0) {
            parts.add(rest + "m");
        }
        return String.join("", parts);
    }

    /**
     * Time left as a countdown reads: {@code 2d 3h}, {@code 5h 12m}, {@code 9m}, {@code 40s};
     * the two largest units, rounded down.
     */
    public static String countdown(Duration left) {
        long seconds = Math.max(0, left.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m";
        }
        return seconds + "s";
    }
}
