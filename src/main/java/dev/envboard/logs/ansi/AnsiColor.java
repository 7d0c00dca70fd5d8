package dev.envboard.logs.ansi;

/**
 * A colour as a program asked for it: the terminal's default, one of the 256 indexed colours
 * (0–7 standard, 8–15 bright, 16–231 a 6×6×6 cube, 232–255 greys), or a 24-bit RGB value. The UI
 * picks the actual shades for the default and 0–15 from its theme; {@link AnsiPalette} has xterm's.
 */
public record AnsiColor(Kind kind, int value) {
    public enum Kind { DEFAULT, INDEXED, RGB }

    public static final AnsiColor DEFAULT = new AnsiColor(Kind.DEFAULT, 0);
    private static final AnsiColor[] INDEXED_COLORS = new AnsiColor[256];

    static {
        for (int i = 0; i < INDEXED_COLORS.length; i++) {
            INDEXED_COLORS[i] = new AnsiColor(Kind.INDEXED, i);
        }
    }

    public AnsiColor {
        if (kind == Kind.INDEXED && (value < 0 || value > 255)) {
            throw new IllegalArgumentException("an indexed colour is 0–255, not " + value);
        }
        if (kind == Kind.RGB && (value & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("an RGB colour is 0xRRGGBB, not " + Integer.toHexString(value));
        }
    }

    public static AnsiColor indexed(int index) {
        return INDEXED_COLORS[index];
    }

    public static AnsiColor rgb(int red, int green, int blue) {
        return new AnsiColor(Kind.RGB, (red << 16) | (green << 8) | blue);
    }

    public boolean isDefault() {
        return kind == Kind.DEFAULT;
    }

    /** 0xRRGGBB: the value itself for RGB, xterm's shade for an indexed colour; -1 for the default. */
    public int toRgb() {
        return switch (kind) {
            case DEFAULT -> -1;
            case INDEXED -> AnsiPalette.xterm(value);
            case RGB -> value;
        };
    }
}
