package dev.envboard.store;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a read of a JSON-lines file (and its rotated predecessor) gave: the records, newest
 * first, and per file the lines that were skipped because they are not records, and any file
 * that could not be read at all.
 */
public record RecordsRead<T>(List<T> records, List<CorruptLines> corrupt, List<String> unreadable) {
    public RecordsRead {
        records = List.copyOf(records);
        corrupt = List.copyOf(corrupt);
        unreadable = List.copyOf(unreadable);
    }

    public boolean complete() {
        return corrupt.isEmpty() && unreadable.isEmpty();
    }

    /** One line per problem, for a message; empty when the read was complete. */
    public String problems() {
        return java.util.stream.Stream.concat(corrupt.stream().map(CorruptLines::describe), unreadable.stream())
                .collect(Collectors.joining("\n"));
    }
}
