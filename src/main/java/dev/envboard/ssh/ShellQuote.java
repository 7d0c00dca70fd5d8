package dev.envboard.ssh;

/**
 * Quotes a word for a POSIX shell command line. Neither MINA SSHD nor the other dependencies
 * offer one (commons-lang3's escapeXSI drops newlines), so it is written here, the one way that
 * is always safe: single quotes, with each embedded quote written as {@code '\''}.
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain a NUL character");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
