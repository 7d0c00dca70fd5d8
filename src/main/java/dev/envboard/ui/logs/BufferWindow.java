package dev.envboard.ui.logs;

import dev.envboard.logs.LineKind;
import dev.envboard.logs.LogBuffer;
import dev.envboard.logs.LogLine;
import dev.envboard.logs.LogOrigin;
import java.util.AbstractList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The log buffer as a list a ListView can show, without copying a line: the list is a window
 * [start, end) of the buffer's sequence numbers, moved forward once per frame by {@link #sync()}.
 * Only the rows on screen are ever built into objects.
 */
final class BufferWindow extends ObservableListBase<LogLine> {
    private static final LogOrigin GONE = new LogOrigin("", 0);

    private final LogBuffer buffer;
    private long start;
    private long end;

    BufferWindow(LogBuffer buffer) {
        this.buffer = buffer;
        this.start = buffer.firstSeq();
        this.end = buffer.firstSeq();
    }

    @Override
    public LogLine get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        LogLine line = buffer.get(start + index);
        // A line the bound dropped while the view was paused stays visible as a gap, not a crash.
        return line != null ? line : new LogLine(GONE, LineKind.MARKER, LogLine.NO_TIME, "(line dropped by the buffer bound)");
    }

    @Override
    public int size() {
        return (int) (end - start);
    }

    long startSeq() {
        return start;
    }

    /** Moves the window to the buffer's newest lines; on the FX thread, at most once per frame. */
    boolean sync() {
        long first = buffer.firstSeq();
        long newEnd = buffer.endSeq();
        long newStart = Math.max(start, first);
        if (newStart == start && newEnd == end) {
            return false;
        }
        long oldStart = start;
        long oldEnd = end;
        int removed = (int) (Math.min(newStart, oldEnd) - oldStart);
        long addedFrom = Math.max(oldEnd, newStart);
        start = newStart;
        end = newEnd;
        beginChange();
        if (removed > 0) {
            nextRemove(0, placeholders(removed));
        }
        if (newEnd > addedFrom) {
            nextAdd((int) (addedFrom - newStart), (int) (newEnd - newStart));
        }
        endChange();
        return true;
    }

    /** Empties the view (the buffer keeps its lines): "clear" in the toolbar. Not List.clear(): nothing is removed from the buffer. */
    void skipToEnd() {
        int removed = size();
        start = end;
        if (removed > 0) {
            beginChange();
            nextRemove(0, placeholders(removed));
            endChange();
        }
    }

    /** Removed lines are gone from the buffer already: listeners get stand-ins, not the lines. */
    private static List<LogLine> placeholders(int count) {
        return new AbstractList<>() {
            @Override
            public LogLine get(int index) {
                return new LogLine(GONE, LineKind.MARKER, LogLine.NO_TIME, "");
            }

            @Override
            public int size() {
                return count;
            }
        };
    }
}
