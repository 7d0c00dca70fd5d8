package dev.envboard.bench;

/**
 * Checks a log whose line k says k, as it arrives: every line must come once, in order. A number
 * past the one expected means lines were lost, one before it that lines came again. Lines the
 * reader never saw (dropped by a bounded buffer first) are taken to be the next ones; the line
 * after them checks that.
 */
final class LineCheck {
    private final long total;
    private long expected = 1;
    private long checked;
    private long unseen;
    private long lost;
    private long repeated;
    private long foreign;
    private String first;

    LineCheck(long total) {
        this.total = total;
    }

    /** Whether the last line has arrived. */
    boolean done() {
        return expected > total;
    }

    void line(long number) {
        if (number > expected) {
            problem("line " + number + " came after line " + (expected - 1) + ": " + (number - expected) + " lost");
            lost += number - expected;
        } else if (number < expected) {
            problem("line " + number + " came again after line " + (expected - 1));
            repeated += expected - number;
        }
        checked++;
        expected = number + 1;
    }

    void unseen() {
        unseen++;
        expected++;
    }

    /** A line that is not one of the log's. */
    void foreign(String text) {
        problem("a line that is not the log's after line " + (expected - 1) + ": " + text);
        foreign++;
    }

    /** No more lines will come: whatever did not arrive is lost. */
    void ended(String why) {
        if (!done()) {
            problem(why + " after line " + (expected - 1) + ": " + (total - expected + 1) + " lost");
            lost += total - expected + 1;
            expected = total + 1;
        }
    }

    private void problem(String what) {
        if (first == null) {
            first = what;
        }
    }

    boolean ok() {
        return lost == 0 && repeated == 0 && foreign == 0 && checked + unseen == total;
    }

    long unseenLines() {
        return unseen;
    }

    /** e.g. "3 lost, 0 repeated, 0 foreign (997 checked, 0 unseen); first: line 5 came after line 1: 3 lost" */
    String report() {
        return lost + " lost, " + repeated + " repeated, " + foreign + " foreign (" + checked + " checked, " + unseen
                + " dropped unseen, of " + total + "); first: " + (first == null ? "none" : first);
    }
}
