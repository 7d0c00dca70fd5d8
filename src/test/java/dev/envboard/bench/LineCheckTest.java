package dev.envboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The logs benchmark's verdict on a numbered log: it must fail on any line lost, repeated or foreign. */
class LineCheckTest {
    private static LineCheck read(long total, long... numbers) {
        LineCheck check = new LineCheck(total);
        for (long number : numbers) {
            check.line(number);
        }
        return check;
    }

    @Test
    void everyLineOnceInOrderPasses() {
        LineCheck check = read(5, 1, 2, 3, 4, 5);
        assertThat(check.done()).isTrue();
        assertThat(check.ok()).as(check.report()).isTrue();
    }

    @Test
    void aGapIsReportedAsLostLines() {
        LineCheck check = read(6, 1, 2, 5, 6);
        assertThat(check.ok()).isFalse();
        assertThat(check.report()).startsWith("2 lost, 0 repeated").contains("line 5 came after line 2");
    }

    @Test
    void linesComingAgainAreReportedAsRepeated() {
        LineCheck check = read(4, 1, 2, 3, 2, 3, 4);
        assertThat(check.done()).isTrue();
        assertThat(check.ok()).isFalse();
        assertThat(check.report()).startsWith("0 lost, 2 repeated").contains("line 2 came again after line 3");
    }

    @Test
    void aLogThatStopsEarlyHasLostItsRest() {
        LineCheck check = read(10, 1, 2, 3);
        check.ended("no new line for 30 s");
        assertThat(check.ok()).isFalse();
        assertThat(check.report()).startsWith("7 lost").contains("no new line for 30 s after line 3");
    }

    @Test
    void aLineThatIsNotTheLogsFails() {
        LineCheck check = read(2, 1);
        check.foreign("garbage");
        check.line(2);
        assertThat(check.ok()).isFalse();
        assertThat(check.report()).contains("1 foreign").contains("garbage");
    }

    @Test
    void linesDroppedUnseenAreTakenAsTheNextAndCheckedByTheLineAfter() {
        LineCheck fine = new LineCheck(4);
        fine.line(1);
        fine.unseen();
        fine.unseen();
        fine.line(4);
        assertThat(fine.ok()).as(fine.report()).isTrue();
        assertThat(fine.unseenLines()).isEqualTo(2);

        LineCheck lossHidden = new LineCheck(5);
        lossHidden.line(1);
        lossHidden.unseen();
        lossHidden.line(4); // line 3 never came: 2 was unseen, 4 is one too far
        lossHidden.line(5);
        assertThat(lossHidden.ok()).isFalse();
        assertThat(lossHidden.report()).startsWith("1 lost");
    }
}
