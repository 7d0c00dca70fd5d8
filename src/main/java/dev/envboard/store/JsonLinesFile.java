package dev.envboard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.envboard.runtime.Notices;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An append-only file of records, one JSON line each, rotated once past {@code rotateBytes} (one
 * previous file, {@code NAME.1}, kept), so it stays bounded; reads go on into the rotated file, so
 * the past is not lost at rotation. Listeners hear of a record only once it is on disk, on the
 * appending thread; UI listeners hop to the FX thread themselves. A failed write and a read that
 * skipped lines are reported to the {@link Notices}, never only logged.
 */
public final class JsonLinesFile<T> {
    private static final Logger LOG = Logger.getLogger(JsonLinesFile.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Path rotated;
    private final Class<T> type;
    private final long rotateBytes;
    private final String what;
    private final Notices notices;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    /** @param what what the file holds, to start a message: "the audit log" */
    public JsonLinesFile(Path file, Class<T> type, long rotateBytes, String what, Notices notices) {
        this.file = file;
        this.rotated = file.resolveSibling(file.getFileName() + ".1");
        this.type = type;
        this.rotateBytes = rotateBytes;
        this.what = what;
        this.notices = notices;
    }

    public Path file() {
        return file;
    }

    public void addListener(Consumer<T> listener) {
        listeners.add(listener);
    }

    /**
     * Appends the record and makes sure it is on disk; only then do the listeners hear of it. A
     * failure does not throw (losing a line must not undo a change that did happen: a label
     * written, a deploy run) but is reported to the notices and returned.
     *
     * @return whether the record is in the file
     */
    public boolean append(T record) {
        String line;
        try {
            line = JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            return failed("the record cannot be written as JSON: " + e.getOriginalMessage(), String.valueOf(record));
        }
        synchronized (this) {
            try {
                write(line);
            } catch (IOException e) {
                return failed(IoReason.of(e), line);
            }
        }
        listeners.forEach(listener -> listener.accept(record));
        return true;
    }

    private void write(String line) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.isRegularFile(file) && Files.size(file) > rotateBytes) {
            Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING);
        }
        // A line cut short by an earlier failed write must not swallow this one.
        String text = (endsMidLine() ? "\n" : "") + line + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long before = channel.size();
            try {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            } catch (IOException e) {
                cutBack(channel, before, e);
                throw e;
            }
        }
    }

    /** Takes a partly written line out again, so that it does not read as a corrupt one later. */
    private static void cutBack(FileChannel channel, long size, IOException cause) {
        try {
            if (channel.size() > size) {
                channel.truncate(size);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean endsMidLine() throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(size - 1);
            return channel.read(last) == 1 && last.get(0) != '\n';
        }
    }

    private boolean failed(String reason, String line) {
        notices.report(Notices.Kind.WRITE_FAILED, what + ": a record could not be written to " + file + " (" + reason
                + "); it is lost");
        LOG.log(Level.WARNING, "not written to " + file + ": " + line);
        return false;
    }

    /** The newest records first, at most {@code max}; unreadable lines are skipped and reported to the notices. */
    public List<T> recent(int max) {
        return read(max).records();
    }

    /**
     * The newest records first, at most {@code max}, from the file and then the rotated one; lines
     * that are not records are skipped, counted by file and line, and reported to the notices.
     */
    public RecordsRead<T> read(int max) {
        List<T> records = new ArrayList<>();
        List<CorruptLines> corrupt = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path path : List.of(file, rotated)) {
            if (records.size() >= max) {
                break;
            }
            List<byte[]> lines;
            try {
                lines = lines(path);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                unreadable.add(what + ": " + path + " cannot be read (" + IoReason.of(e) + ")");
                continue;
            }
            readNewestFirst(path, lines, max, records).ifPresent(corrupt::add);
        }
        RecordsRead<T> read = new RecordsRead<>(records, corrupt, unreadable);
        corrupt.forEach(c -> notices.report(Notices.Kind.READ_PROBLEM, what + ": " + c.describe()));
        unreadable.forEach(u -> notices.report(Notices.Kind.READ_PROBLEM, u));
        return read;
    }

    private Optional<CorruptLines> readNewestFirst(Path path, List<byte[]> lines, int max, List<T> records) {
        List<Integer> bad = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && records.size() < max; i--) {
            byte[] line = lines.get(i);
            if (isBlank(line)) {
                continue;
            }
            try {
                records.add(JSON.readValue(strictUtf8(line), type));
            } catch (IOException e) {
                bad.add(i + 1);
            }
        }
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> inFileOrder = new ArrayList<>(bad);
        Collections.reverse(inFileOrder);
        return Optional.of(new CorruptLines(path, bad.size(),
                inFileOrder.subList(0, Math.min(CorruptLines.NUMBERS_KEPT, inFileOrder.size()))));
    }

    /** The file's lines as bytes: a line that is not UTF-8 is one corrupt line, not an unreadable file. */
    private List<byte[]> lines(Path path) throws IOException {
        byte[] all;
        synchronized (this) {
            all = Files.readAllBytes(path);
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            lines.add(Arrays.copyOfRange(all, start, all.length));
        }
        return lines;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String strictUtf8(byte[] line) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(line))
                .toString();
    }
}
