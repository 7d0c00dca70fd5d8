package dev.envboard.pool;

/**
 * Something about a working host the user should fix, such as an engine ID it shares with another.
 *
 * @param summary a few words for a card ("same engine ID as web-2")
 * @param message the whole story: what is wrong, with which hosts, and how to fix it
 */
public record HostWarning(Kind kind, String summary, String message) {
    public enum Kind {
        SAME_ENGINE_ID,
        SAME_HOSTNAME
    }

    @Override
    public String toString() {
        return message;
    }
}
