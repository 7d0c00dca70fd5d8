package dev.envboard.logs;

/**
 * Where to pick up a container's log after its stream ended (a restart, a broken connection):
 * the newest entry time seen and how many entries carried exactly that time. The engine resends
 * from {@code since=} that time inclusive; skipping exactly the entries already seen at it (rather
 * than everything at it) keeps two entries that share a nanosecond from being lost.
 */
final class ResumePoint {
    private long lastTime = LogLine.NO_TIME;
    private int seenAtLastTime;
    private boolean skipping;
    private int toSkip;

    boolean hasTime() {
        return lastTime != LogLine.NO_TIME;
    }

    /** The {@code since=} value for the next attach. */
    String since() {
        return LogTimestamps.since(lastTime);
    }

    /** The next entries come from a stream opened with {@link #since()}. */
    void resuming() {
        skipping = hasTime();
        toSkip = seenAtLastTime;
    }

    /** Whether an entry with this time is new; records it when it is. */
    boolean admit(long time) {
        if (skipping) {
            if (time != LogLine.NO_TIME && time < lastTime) {
                return false;
            }
            if (time == lastTime && toSkip > 0) {
                toSkip--;
                return false;
            }
            skipping = false;
        }
        if (time == LogLine.NO_TIME) {
            return true;
        }
        if (time > lastTime) {
            lastTime = time;
            seenAtLastTime = 1;
        } else if (time == lastTime) {
            seenAtLastTime++;
        }
        return true;
    }
}
