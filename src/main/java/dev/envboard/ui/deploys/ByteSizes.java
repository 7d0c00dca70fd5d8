package dev.envboard.ui.deploys;

import java.util.Locale;

/** Byte counts for people, in the decimal units the docker CLI uses (kB, MB, GB). */
final class ByteSizes {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    /** {@code 12.3 / 48.0 MB}, or {@code 700 kB / 3.00 MB} when the units differ. */
    static String ofTotal(long done, long total) {
        String a = human(done);
        String b = human(total);
        String unitA = a.substring(a.indexOf(' ') + 1);
        String unitB = b.substring(b.indexOf(' ') + 1);
        return unitA.equals(unitB) ? a.substring(0, a.indexOf(' ')) + " / " + b : a + " / " + b;
    }

    static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }
}
