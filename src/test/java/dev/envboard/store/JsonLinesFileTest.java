package dev.envboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.runtime.Notices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files that cannot be written or read back whole; what the caller, the listeners and the notices get. */
class JsonLinesFileTest {
    record Line(int n, String text) {
    }

    @TempDir
    Path dir;

    private final Notices notices = new Notices();
    private final List<Line> heard = new ArrayList<>();

    private JsonLinesFile<Line> file(Path path, long rotateBytes) {
        JsonLinesFile<Line> file = new JsonLinesFile<>(path, Line.class, rotateBytes, "test log", notices);
        file.addListener(heard::add);
        return file;
    }

    @Test
    void aRecordThatCannotBeWrittenBecauseThePathIsADirectoryIsReportedAndNotAnnounced() throws IOException {
        Path path = Files.createDirectories(dir.resolve("records.jsonl"));

        boolean written = file(path, 1_000_000).append(new Line(1, "one"));

        assertThat(written).isFalse();
        assertThat(heard).as("no listener hears of a record that is not on disk").isEmpty();
        assertThat(notices.recent()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notices.Kind.WRITE_FAILED);
            assertThat(notice.text()).isEqualTo("test log: a record could not be written to " + path + " (Is a directory); it is lost");
        });
    }

    @Test
    void aFullDeviceFailsTheWriteAndNothingIsAnnounced() throws IOException {
        Path full = Path.of("/dev/full");
        assertThat(full).as("Linux's always-full device").exists();
        Path path = Files.createSymbolicLink(dir.resolve("records.jsonl"), full);

        boolean written = file(path, 1_000_000).append(new Line(1, "one"));

        assertThat(written).isFalse();
        assertThat(heard).isEmpty();
        assertThat(notices.recent()).singleElement().satisfies(notice -> {
            assertThat(notice.isWriteFailure()).isTrue();
            assertThat(notice.text()).startsWith("test log: a record could not be written to " + path)
                    .contains("No space left on device");
        });
    }

    @Test
    void aStateDirectoryThatIsAFileFailsTheWrite() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("envboard"), "someone's file\n");
        Path path = notADirectory.resolve("records.jsonl");

        boolean written = file(path, 1_000_000).append(new Line(1, "one"));

        assertThat(written).isFalse();
        assertThat(heard).isEmpty();
        assertThat(notices.recent()).singleElement().extracting(Notices.Notice::text).isEqualTo("test log: a record could not be written to "
                + path + " (" + notADirectory + " is a file, not a directory); it is lost");
        assertThat(Files.readString(notADirectory)).isEqualTo("someone's file\n");
    }

    @Test
    void aWrittenRecordIsOnDiskBeforeItIsAnnounced() throws IOException {
        Path path = dir.resolve("records.jsonl");
        JsonLinesFile<Line> file = new JsonLinesFile<>(path, Line.class, 1_000_000, "test log", notices);
        List<String> onDiskWhenHeard = new ArrayList<>();
        file.addListener(line -> {
            try {
                onDiskWhenHeard.add(Files.readString(path).strip());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(file.append(new Line(1, "one"))).isTrue();

        assertThat(onDiskWhenHeard).containsExactly("{\"n\":1,\"text\":\"one\"}");
        assertThat(notices.recent()).isEmpty();
    }

    @Test
    void corruptLinesAreSkippedCountedAndNamedByLineNumber() throws IOException {
        Path path = dir.resolve("records.jsonl");
        byte[] notUtf8 = "{\"n\":5,\"text\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.writeString(path, """
                {"n":1,"text":"one"}
                this is not json
                {"n":3,"text":"three"}
                {"n":4,"te
                """);
        Files.write(path, notUtf8, StandardOpenOption.APPEND);
        Files.writeString(path, "\n{\"n\":7,\"text\":\"seven\"}\n", StandardOpenOption.APPEND);

        RecordsRead<Line> read = file(path, 1_000_000).read(100);

        assertThat(read.records()).extracting(Line::n).containsExactly(7, 3, 1);
        assertThat(read.corrupt()).singleElement().satisfies(corrupt -> {
            assertThat(corrupt.count()).isEqualTo(3);
            assertThat(corrupt.firstLines()).containsExactly(2, 4, 5);
            assertThat(corrupt.describe()).isEqualTo("3 corrupt lines in " + path + " skipped (lines 2, 4, 5)");
        });
        assertThat(read.complete()).isFalse();
        assertThat(notices.recent()).extracting(Notices.Notice::text)
                .containsExactly("test log: 3 corrupt lines in " + path + " skipped (lines 2, 4, 5)");
        assertThat(notices.recent()).allMatch(n -> n.kind() == Notices.Kind.READ_PROBLEM);
    }

    @Test
    void manyCorruptLinesAreCountedAndTheFirstNumbersNamed() throws IOException {
        Path path = dir.resolve("records.jsonl");
        StringBuilder text = new StringBuilder();
        IntStream.rangeClosed(1, 25).forEach(i -> text.append("garbage ").append(i).append('\n'));
        text.append("{\"n\":26,\"text\":\"ok\"}\n");
        Files.writeString(path, text);

        RecordsRead<Line> read = file(path, 1_000_000).read(100);

        assertThat(read.records()).extracting(Line::n).containsExactly(26);
        assertThat(read.corrupt().get(0).describe())
                .isEqualTo("25 corrupt lines in " + path + " skipped (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 15 more)");
    }

    @Test
    void readingGoesOnIntoTheRotatedFileSoThePastSurvivesRotation() throws IOException {
        Path path = dir.resolve("records.jsonl");
        JsonLinesFile<Line> file = file(path, 100);
        for (int n = 1; n <= 12; n++) {
            assertThat(file.append(new Line(n, "record number " + n))).isTrue();
        }
        Path rotated = dir.resolve("records.jsonl.1");
        assertThat(rotated).as("rotated at 100 bytes").exists();
        List<String> inRotated = Files.readAllLines(rotated);
        List<String> inCurrent = Files.readAllLines(path);
        assertThat(inRotated.size() + inCurrent.size()).as("one rotated file is kept").isLessThan(12);

        List<Line> newest = file.read(100).records();

        int kept = inRotated.size() + inCurrent.size();
        assertThat(newest).extracting(Line::n).containsExactlyElementsOf(
                IntStream.iterate(12, n -> n - 1).limit(kept).boxed().toList());
        assertThat(newest.get(newest.size() - 1).n()).as("the oldest kept comes from the rotated file")
                .isEqualTo(Integer.parseInt(inRotated.get(0).replaceAll("\\{\"n\":(\\d+),.*", "$1")));
        assertThat(file.read(2).records()).extracting(Line::n).containsExactly(12, 11);
        assertThat(heard).hasSize(12);
    }

    @Test
    void corruptLinesOfTheRotatedFileAreNamedWithThatFile() throws IOException {
        Path path = dir.resolve("records.jsonl");
        Path rotated = dir.resolve("records.jsonl.1");
        Files.writeString(rotated, "{\"n\":1,\"text\":\"old\"}\n{broken\n{\"n\":2,\"text\":\"less old\"}\n");
        Files.writeString(path, "{\"n\":3,\"text\":\"new\"}\n");

        RecordsRead<Line> read = file(path, 1_000_000).read(100);

        assertThat(read.records()).extracting(Line::n).containsExactly(3, 2, 1);
        assertThat(read.problems()).isEqualTo("1 corrupt line in " + rotated + " skipped (line 2)");
    }

    @Test
    void aLineCutShortByAnEarlierFailureDoesNotSwallowTheNextRecord() throws IOException {
        Path path = dir.resolve("records.jsonl");
        Files.writeString(path, "{\"n\":1,\"text\":\"one\"}\n{\"n\":2,\"te");
        JsonLinesFile<Line> file = file(path, 1_000_000);

        assertThat(file.append(new Line(3, "three"))).isTrue();

        RecordsRead<Line> read = file.read(100);
        assertThat(read.records()).extracting(Line::n).containsExactly(3, 1);
        assertThat(read.corrupt()).singleElement().extracting(CorruptLines::firstLines).asList().containsExactly(2);
    }

    @Test
    void anUnreadableFileIsReportedNotThrown() throws IOException {
        Path path = Files.createDirectories(dir.resolve("records.jsonl"));

        RecordsRead<Line> read = file(path, 1_000_000).read(100);

        assertThat(read.records()).isEmpty();
        assertThat(read.unreadable()).singleElement().asString().isEqualTo("test log: " + path + " cannot be read (Is a directory)");
        assertThat(notices.recent()).extracting(Notices.Notice::text).containsExactly("test log: " + path + " cannot be read (Is a directory)");
    }
}
