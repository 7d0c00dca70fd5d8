package dev.envboard.logs.ansi;

/** xterm's default shades of the 256 indexed colours, for a UI without a theme palette of its own. */
public final class AnsiPalette {
    private static final int[] BASIC = {
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
        0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
    };
    private static final int[] CUBE_LEVELS = {0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff};

    private AnsiPalette() {
    }

    /** 0xRRGGBB of indexed colour 0–255. */
    public static int xterm(int index) {
        if (index < 0 || index > 255) {
            throw new IllegalArgumentException("an indexed colour is 0–255, not " + index);
        }
        if (index < 16) {
            return BASIC[index];
        }
        if (index < 232) {
            int cube = index - 16;
            return (CUBE_LEVELS[cube / 36] << 16) | (CUBE_LEVELS[(cube / 6) % 6] << 8) | CUBE_LEVELS[cube % 6];
        }
        int grey = 8 + (index - 232) * 10;
        return (grey << 16) | (grey << 8) | grey;
    }
}
