package dev.envboard.ui.shell;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.runtime.Notices;
import dev.envboard.store.IoReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@link UiState} as JSON ({@code window.json} in the XDG state dir). Both block
 * on the disk: call them off the FX thread. A broken file means defaults, and a notice saying so.
 */
public final class UiStateStore {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final Notices notices;

    public UiStateStore(Path stateDir, Notices notices) {
        this.file = stateDir.resolve("window.json");
        this.notices = notices;
    }

    public Path file() {
        return file;
    }

    public UiState load() {
        if (!Files.exists(file)) {
            return UiState.defaults();
        }
        try {
            return MAPPER.readValue(file.toFile(), UiState.class);
        } catch (IOException e) {
            notices.report(Notices.Kind.READ_PROBLEM, "window state: " + file + " cannot be read (" + IoReason.of(e)
                    + "); the window opens with its defaults");
            return UiState.defaults();
        }
    }

    /** Writes a temp file beside it and renames it over the old one, so a failed save leaves the old state. */
    public void save(UiState state) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            MAPPER.writeValue(temp.toFile(), state);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IOException("the window state could not be saved to " + file + " (" + IoReason.of(e) + ")", e);
        }
    }
}
