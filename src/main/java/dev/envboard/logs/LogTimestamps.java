package dev.envboard.logs;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Docker's log timestamps: {@code timestamps=true} puts RFC 3339 time with nanoseconds and a space
 * before every log entry ({@code 2024-05-01T12:34:56.123456789Z }). Parsed straight from the
 * bytes, since this runs for every line at hundreds of thousands of lines a second.
 */
public final class LogTimestamps {
    /** Docker writes the fraction with all nine digits, so its prefix has a fixed length. */
    static final int DOCKER_PREFIX_LENGTH = 31;
    /** Looked at no further than this for the space ending a timestamp of another form. */
    private static final int LONGEST_TIMESTAMP = 40;

    private LogTimestamps() {
    }

    /**
     * Where the text starts after a timestamp prefix at {@code off}, or -1 when there is none
     * (then {@link #parse} gives no time either).
     */
    static int textStart(byte[] b, int off, int end) {
        if (end - off >= DOCKER_PREFIX_LENGTH && b[off + DOCKER_PREFIX_LENGTH - 1] == ' ') {
            return off + DOCKER_PREFIX_LENGTH;
        }
        for (int i = off, limit = Math.min(end, off + LONGEST_TIMESTAMP); i < limit; i++) {
            if (b[i] == ' ') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Nanoseconds since the epoch of the RFC 3339 time in {@code b[off, end)}, or {@link LogLine#NO_TIME}. */
    public static long parse(byte[] b, int off, int end) {
        // yyyy-MM-ddTHH:mm:ss, then an optional fraction, then Z or ±HH:MM
        if (end - off < 20 || b[off + 4] != '-' || b[off + 7] != '-' || (b[off + 10] != 'T' && b[off + 10] != 't')
                || b[off + 13] != ':' || b[off + 16] != ':') {
            return LogLine.NO_TIME;
        }
        int year = digits(b, off, 4);
        int month = digits(b, off + 5, 2);
        int day = digits(b, off + 8, 2);
        int hour = digits(b, off + 11, 2);
        int minute = digits(b, off + 14, 2);
        int second = digits(b, off + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return LogLine.NO_TIME;
        }
        int i = off + 19;
        long nanos = 0;
        if (i < end && b[i] == '.') {
            i++;
            int digits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                if (digits < 9) {
                    nanos = nanos * 10 + (b[i] - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                return LogLine.NO_TIME;
            }
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        long offsetSeconds;
        if (i + 1 == end && (b[i] == 'Z' || b[i] == 'z')) {
            offsetSeconds = 0;
        } else if (i + 6 == end && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
            int offHours = digits(b, i + 1, 2);
            int offMinutes = digits(b, i + 4, 2);
            if (offHours < 0 || offMinutes < 0) {
                return LogLine.NO_TIME;
            }
            offsetSeconds = (offHours * 3600L + offMinutes * 60L) * (b[i] == '-' ? -1 : 1);
        } else {
            return LogLine.NO_TIME;
        }
        long epochSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSeconds * 1_000_000_000L + nanos;
    }

    private static int digits(byte[] b, int off, int count) {
        int value = 0;
        for (int i = off; i < off + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    /** The value for the API's {@code since=}: seconds with a nine-digit fraction. */
    public static String since(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        String fraction = Long.toString(nanos);
        return seconds + "." + "000000000".substring(fraction.length()) + fraction;
    }

    /** As Docker prints it: {@code 2024-05-01T12:34:56.123456789Z}. */
    public static String format(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
        String fraction = Long.toString(nanos);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%sZ", time.getYear(), time.getMonthValue(), time.getDayOfMonth(),
                time.getHour(), time.getMinute(), time.getSecond(), "000000000".substring(fraction.length()) + fraction);
    }
}
