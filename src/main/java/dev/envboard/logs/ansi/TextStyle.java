package dev.envboard.logs.ansi;

/** How a run of text looks, as set by SGR escape sequences ({@code ESC[...m}). Immutable. */
public record TextStyle(AnsiColor foreground, AnsiColor background, boolean bold, boolean dim, boolean italic,
                        boolean underline, boolean inverse, boolean strikethrough) {

    /** No colours, no attributes: what {@code ESC[0m} returns to. */
    public static final TextStyle PLAIN = new TextStyle(AnsiColor.DEFAULT, AnsiColor.DEFAULT,
            false, false, false, false, false, false);

    public boolean isPlain() {
        return equals(PLAIN);
    }

    public TextStyle withForeground(AnsiColor color) {
        return new TextStyle(color, background, bold, dim, italic, underline, inverse, strikethrough);
    }

    public TextStyle withBackground(AnsiColor color) {
        return new TextStyle(foreground, color, bold, dim, italic, underline, inverse, strikethrough);
    }

    public TextStyle withBold(boolean on) {
        return new TextStyle(foreground, background, on, dim, italic, underline, inverse, strikethrough);
    }

    public TextStyle withDim(boolean on) {
        return new TextStyle(foreground, background, bold, on, italic, underline, inverse, strikethrough);
    }

    public TextStyle withItalic(boolean on) {
        return new TextStyle(foreground, background, bold, dim, on, underline, inverse, strikethrough);
    }

    public TextStyle withUnderline(boolean on) {
        return new TextStyle(foreground, background, bold, dim, italic, on, inverse, strikethrough);
    }

    public TextStyle withInverse(boolean on) {
        return new TextStyle(foreground, background, bold, dim, italic, underline, on, strikethrough);
    }

    public TextStyle withStrikethrough(boolean on) {
        return new TextStyle(foreground, background, bold, dim, italic, underline, inverse, on);
    }
}
