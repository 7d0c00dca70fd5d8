package dev.envboard.store;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Lines of a JSON-lines file that could not be read as records and were skipped.
 *
 * @param count     how many were skipped
 * @param firstLines the first {@value #NUMBERS_KEPT} of their line numbers (1-based), in file order
 */
public record CorruptLines(Path file, int count, List<Integer> firstLines) {
    static final int NUMBERS_KEPT = 10;

    public CorruptLines {
        firstLines = List.copyOf(firstLines);
    }

    /** "2 corrupt lines in FILE skipped (lines 17, 40)". */
    public String describe() {
        String numbers = firstLines.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String more = count > firstLines.size() ? " and " + (count - firstLines.size()) + " more" : "";
        return count + (count == 1 ? " corrupt line in " : " corrupt lines in ") + file + " skipped ("
                + (count == 1 ? "line " : "lines ") + numbers + more + ")";
    }
}
