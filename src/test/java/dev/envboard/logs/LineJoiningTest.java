package dev.envboard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multiplexed and raw streams into whole lines: partial entries, both streams, long lines. */
class LineJoiningTest {
    private static final LogOrigin WEB = new LogOrigin("web", 0);
    private static final int PIECE = 16 * 1024;

    private final LogBuffer buffer = new LogBuffer(10_000, 64L << 20);
    private final ResumePoint resume = new ResumePoint();

    private List<LogLine> decode(InputStream body, boolean tty, int maxLineBytes) throws IOException {
        LineBatch batch = new LineBatch(buffer, WEB);
        LineAssembler assembler = new LineAssembler(true, maxLineBytes, resume, batch);
        StreamDecoder.of(tty, assembler, batch).pump(body);
        assembler.flushPartials();
        batch.flush();
        List<LogLine> lines = new ArrayList<>();
        for (long seq = buffer.firstSeq(); seq < buffer.endSeq(); seq++) {
            lines.add(buffer.get(seq));
        }
        return lines;
    }

    private List<LogLine> decode(DockerStreams streams) throws IOException {
        return decode(new ByteArrayInputStream(streams.bytes()), false, LogOptions.DEFAULT_MAX_LINE_BYTES);
    }

    private static LogLine out(long nanosAfterT0, String text) {
        return new LogLine(WEB, LineKind.STDOUT, DockerStreams.T0_NANOS + nanosAfterT0, text);
    }

    private static LogLine err(long nanosAfterT0, String text) {
        return new LogLine(WEB, LineKind.STDERR, DockerStreams.T0_NANOS + nanosAfterT0, text);
    }

    @Test
    void eachEntryIsALineWithItsTimeAndWithoutTheTimestampPrefix() throws IOException {
        List<LogLine> lines = decode(new DockerStreams()
                .stdout(DockerStreams.T0, "hello\n")
                .stderr(DockerStreams.at(5), "oops\n")
                .stdout(DockerStreams.at(9), "\n")
                .stdout(DockerStreams.at(12), "windows\r\n"));
        assertThat(lines).containsExactly(out(0, "hello"), err(5, "oops"), out(9, ""), out(12, "windows"));
        assertThat(lines.get(0).time()).hasToString("2024-05-01T12:34:56.000000001Z");
    }

    @Test
    void partialEntriesAreJoinedPerStreamEvenWhenTheStreamsInterleave() throws IOException {
        List<LogLine> lines = decode(new DockerStreams()
                .stdout(DockerStreams.at(1), "out-part-1 ")
                .stderr(DockerStreams.at(2), "err-part-1 ")
                .stdout(DockerStreams.at(3), "out-part-2 ")
                .stderr(DockerStreams.at(4), "err-part-2\n")
                .stdout(DockerStreams.at(5), "out-part-3\n")
                .stdout(DockerStreams.at(6), "next\n"));
        assertThat(lines).containsExactly(
                err(2, "err-part-1 err-part-2"),
                out(1, "out-part-1 out-part-2 out-part-3"),
                out(6, "next"));
    }

    /** What json-file makes of a 100 KB line: 16 KiB entries without newline, each with its own timestamp. */
    @Test
    void aHundredKilobyteLineFromSixteenKibPiecesArrivesWhole() throws IOException {
        String line = "0123456789".repeat(10_000);
        DockerStreams streams = new DockerStreams().stdout(DockerStreams.at(0), "before\n");
        for (int from = 0, piece = 1; from < line.length(); from += PIECE, piece++) {
            String text = line.substring(from, Math.min(line.length(), from + PIECE));
            streams.stdout(DockerStreams.at(piece), from + PIECE >= line.length() ? text + "\n" : text);
        }
        streams.stdout(DockerStreams.at(100), "after\n");
        // Headers and entries split at every possible place on the way in:
        List<LogLine> lines = decode(streams.trickle(7), false, LogOptions.DEFAULT_MAX_LINE_BYTES);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).text()).hasSize(100_000).isEqualTo(line);
        assertThat(lines.get(1).timeNanos()).as("the time of its first piece").isEqualTo(DockerStreams.T0_NANOS + 1);
        assertThat(lines.get(2)).isEqualTo(out(100, "after"));
    }

    @Test
    void anEntryBiggerThanTheReadBufferIsPassedOnInPieces() throws IOException {
        String huge = "y".repeat(3 * MultiplexedDecoder.BUFFER_BYTES + 123);
        List<LogLine> lines = decode(new DockerStreams().stdout(DockerStreams.at(1), huge + "\n").stderr(DockerStreams.at(2), "small\n"));
        assertThat(lines).containsExactly(out(1, huge), err(2, "small"));
    }

    @Test
    void aLineLongerThanTheCapIsCutWithANoteAndTheNextLineIsWhole() throws IOException {
        String longLine = "z".repeat(5000);
        DockerStreams streams = new DockerStreams()
                .stdout(DockerStreams.at(1), longLine.substring(0, 3000))
                .stdout(DockerStreams.at(2), longLine.substring(3000) + "\n")
                .stdout(DockerStreams.at(3), "a".repeat(4000) + "\n")
                .stdout(DockerStreams.at(4), "fine\n");
        List<LogLine> lines = decode(new ByteArrayInputStream(streams.bytes()), false, 1024);
        assertThat(lines.get(0).text()).isEqualTo("z".repeat(1024) + " [envboard: line cut after 1024 bytes, 3976 more bytes left out]");
        assertThat(lines.get(1).text()).isEqualTo("a".repeat(1024) + " [envboard: line cut after 1024 bytes, 2976 more bytes left out]");
        assertThat(lines.get(2)).isEqualTo(out(4, "fine"));
    }

    @Test
    void aPartialLineLeftWhenTheRunEndsBecomesALine() throws IOException {
        List<LogLine> lines = decode(new DockerStreams().stdout(DockerStreams.at(1), "done\n").stdout(DockerStreams.at(2), "no newline"));
        assertThat(lines).containsExactly(out(1, "done"), out(2, "no newline"));
    }

    @Test
    void anEntryWithoutATimestampKeepsAllItsText() throws IOException {
        List<LogLine> lines = decode(new DockerStreams().entry(1, "not-a-time", "text\n"));
        assertThat(lines).containsExactly(new LogLine(WEB, LineKind.STDOUT, LogLine.NO_TIME, "not-a-time text"));
    }

    @Test
    void aTtyStreamIsSplitAtNewlines() throws IOException {
        DockerStreams streams = new DockerStreams()
                .raw(DockerStreams.at(1) + " one\r\n")
                .raw(DockerStreams.at(2) + " \u001b[32mtwo\u001b[0m\r\n")
                .raw(DockerStreams.at(3) + " " + "w".repeat(70_000) + "\r\n")
                .raw(DockerStreams.at(4) + " last");
        List<LogLine> lines = decode(streams.trickle(5000), true, LogOptions.DEFAULT_MAX_LINE_BYTES);
        assertThat(lines).containsExactly(out(1, "one"), out(2, "\u001b[32mtwo\u001b[0m"), out(3, "w".repeat(70_000)), out(4, "last"));
    }

    /** After a re-attach with since=T the engine resends the entries at T: exactly those already seen are skipped. */
    @Test
    void aResumedStreamSkipsWhatWasSeenAndNothingElse() throws IOException {
        decode(new DockerStreams()
                .stdout(DockerStreams.at(1), "1\n")
                .stdout(DockerStreams.at(2), "2\n")
                .stderr(DockerStreams.at(2), "2 again, same nanosecond\n"));
        assertThat(resume.since()).isEqualTo("1714566896.000000003");
        resume.resuming();
        List<LogLine> lines = decode(new DockerStreams()
                .stdout(DockerStreams.at(2), "2\n")
                .stderr(DockerStreams.at(2), "2 again, same nanosecond\n")
                .stdout(DockerStreams.at(2), "3 in that nanosecond too, not seen yet\n")
                .stdout(DockerStreams.at(4), "4\n"));
        assertThat(lines).extracting(LogLine::text)
                .containsExactly("1", "2", "2 again, same nanosecond", "3 in that nanosecond too, not seen yet", "4");
    }
}
