package dev.envboard.ui.shell;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Reads and writes {@link UiState} as JSON in the XDG state dir; a broken file means defaults. */
public final class UiStateStore {
    private static final Logger LOG = Logger.getLogger(UiStateStore.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;

    public UiStateStore(Path stateDir) {
        this.file = stateDir.resolve("window.json");
    }

    public UiState load() {
        if (!Files.exists(file)) {
            return UiState.defaults();
        }
        try {
            return MAPPER.readValue(file.toFile(), UiState.class);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
            return UiState.defaults();
        }
    }

    public void save(UiState state) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(temp.toFile(), state);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save window state to " + file + ": " + e.getMessage());
        }
    }
}
