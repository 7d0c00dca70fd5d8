package dev.envboard.logs.ansi;

import java.util.List;

/** What one SGR sequence's parameters do to a style. */
final class Sgr {
    private Sgr() {
    }

    static TextStyle apply(TextStyle style, List<int[]> params) {
        TextStyle s = style;
        for (int k = 0; k < params.size(); k++) {
            int[] group = params.get(k);
            int code = Math.max(group[0], 0); // an empty parameter means 0
            switch (code) {
                case 0 -> s = TextStyle.PLAIN;
                case 1 -> s = s.withBold(true);
                case 2 -> s = s.withDim(true);
                case 3 -> s = s.withItalic(true);
                case 4 -> s = s.withUnderline(group.length < 2 || group[1] != 0); // 4:0 is "no underline"
                case 7 -> s = s.withInverse(true);
                case 9 -> s = s.withStrikethrough(true);
                case 21 -> s = s.withUnderline(true); // double underline
                case 22 -> s = s.withBold(false).withDim(false);
                case 23 -> s = s.withItalic(false);
                case 24 -> s = s.withUnderline(false);
                case 27 -> s = s.withInverse(false);
                case 29 -> s = s.withStrikethrough(false);
                case 39 -> s = s.withForeground(AnsiColor.DEFAULT);
                case 49 -> s = s.withBackground(AnsiColor.DEFAULT);
                case 38, 48, 58 -> {
                    Extended color = group.length > 1 ? colonColor(group) : semicolonColor(params, k);
                    k += color.consumed();
                    if (color.color() != null && code == 38) {
                        s = s.withForeground(color.color());
                    } else if (color.color() != null && code == 48) {
                        s = s.withBackground(color.color());
                    } // 58 sets the underline colour: read to skip its arguments, not shown
                }
                default -> {
                    if (code >= 30 && code <= 37) {
                        s = s.withForeground(AnsiColor.indexed(code - 30));
                    } else if (code >= 40 && code <= 47) {
                        s = s.withBackground(AnsiColor.indexed(code - 40));
                    } else if (code >= 90 && code <= 97) {
                        s = s.withForeground(AnsiColor.indexed(code - 90 + 8));
                    } else if (code >= 100 && code <= 107) {
                        s = s.withBackground(AnsiColor.indexed(code - 100 + 8));
                    } // blink, conceal, fonts, overline…: not shown
                }
            }
        }
        return s;
    }

    /** An extended colour, or null when malformed; {@code consumed} further ';' parameters belong to it. */
    private record Extended(AnsiColor color, int consumed) {
    }

    /** {@code 38;5;n} or {@code 38;2;r;g;b}. */
    private static Extended semicolonColor(List<int[]> params, int k) {
        int mode = value(params, k + 1);
        if (mode == 5) {
            int index = value(params, k + 2);
            return new Extended(index >= 0 && index <= 255 ? AnsiColor.indexed(index) : null, Math.min(2, params.size() - 1 - k));
        }
        if (mode == 2) {
            return new Extended(rgb(value(params, k + 2), value(params, k + 3), value(params, k + 4)),
                    Math.min(4, params.size() - 1 - k));
        }
        return new Extended(null, k + 1 < params.size() ? 1 : 0);
    }

    /** {@code 38:5:n}, {@code 38:2:r:g:b} or {@code 38:2:colourspace:r:g:b}. */
    private static Extended colonColor(int[] group) {
        if (group[1] == 5 && group.length >= 3) {
            return new Extended(group[2] >= 0 && group[2] <= 255 ? AnsiColor.indexed(group[2]) : null, 0);
        }
        if (group[1] == 2 && group.length >= 5) {
            int first = group.length >= 6 ? 3 : 2;
            return new Extended(rgb(group[first], group[first + 1], group[first + 2]), 0);
        }
        return new Extended(null, 0);
    }

    private static AnsiColor rgb(int r, int g, int b) {
        boolean valid = r >= 0 && r <= 255 && g >= 0 && g <= 255 && b >= 0 && b <= 255;
        return valid ? AnsiColor.rgb(r, g, b) : null;
    }

    private static int value(List<int[]> params, int k) {
        return k < params.size() ? params.get(k)[0] : -1;
    }
}
