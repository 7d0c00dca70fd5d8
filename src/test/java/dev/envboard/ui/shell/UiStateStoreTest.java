package dev.envboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envboard.runtime.Notices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** window.json on a real disk that refuses the write; what the caller and the notices get, and what is left. */
class UiStateStoreTest {
    private static final UiState SAVED = new UiState(10, 20, 1111, 777, false, "dark", "lab");

    @TempDir
    Path dir;

    private final Notices notices = new Notices();

    @Test
    void theStateIsSavedAndLoadedBack() throws IOException {
        UiStateStore store = new UiStateStore(dir, notices);
        store.save(SAVED);
        assertThat(new UiStateStore(dir, notices).load()).isEqualTo(SAVED);
        assertThat(notices.recent()).isEmpty();
        assertThat(dir.resolve("window.json.tmp")).doesNotExist();
    }

    @Test
    void theWatchedEnvironmentsAreKeptAndAFileFromBeforeWatchingHasNone() throws IOException {
        UiStateStore store = new UiStateStore(dir, notices);
        UiState watching = new UiState(10, 20, 1111, 777, false, "dark", "lab", java.util.List.of("lab/qa", "lab/staging"));
        store.save(watching);
        assertThat(store.load()).isEqualTo(watching);
        Files.writeString(dir.resolve("window.json"), "{\"x\":1,\"y\":2,\"width\":800,\"height\":600,\"maximized\":false,"
                + "\"theme\":\"dark\",\"selectedPool\":\"lab\"}");
        assertThat(store.load().watched()).isEmpty();
        assertThat(notices.recent()).isEmpty();
    }

    @Test
    void theBoardLayoutIsKeptAndAFileFromBeforeItHasTheDefaultLayout() throws IOException {
        UiStateStore store = new UiStateStore(dir, notices);
        UiState layout = new UiState(10, 20, 1111, 777, false, "dark", "lab", java.util.List.of(), true,
                java.util.List.of("lab/qa", "lab/"));
        store.save(layout);
        assertThat(store.load()).isEqualTo(layout);
        Files.writeString(dir.resolve("window.json"), "{\"x\":1,\"y\":2,\"width\":800,\"height\":600,\"maximized\":false,"
                + "\"theme\":\"dark\",\"selectedPool\":\"lab\",\"watched\":[]}");
        assertThat(store.load().compactCards()).isFalse();
        assertThat(store.load().collapsedColumns()).isEmpty();
        assertThat(notices.recent()).isEmpty();
    }

    @Test
    void aSaveOntoADirectoryFailsNamingTheFileAndLeavesNoTempFile() throws IOException {
        Path file = Files.createDirectories(dir.resolve("window.json"));

        IOException e = catchThrowableOfType(IOException.class, () -> new UiStateStore(dir, notices).save(SAVED));

        assertThat(e).hasMessage("the window state could not be saved to " + file + " (Is a directory)");
        assertThat(file).isDirectory();
        assertThat(dir.resolve("window.json.tmp")).doesNotExist();
    }

    @Test
    void aSaveOntoAFullDeviceFailsAndTheOldStateIsKept() throws IOException {
        UiStateStore store = new UiStateStore(dir, notices);
        store.save(SAVED);
        byte[] before = Files.readAllBytes(dir.resolve("window.json"));
        Files.createSymbolicLink(dir.resolve("window.json.tmp"), Path.of("/dev/full"));

        IOException e = catchThrowableOfType(IOException.class,
                () -> store.save(new UiState(0, 0, 800, 600, true, "light", null)));

        assertThat(e.getMessage()).startsWith("the window state could not be saved to " + dir.resolve("window.json"))
                .contains("No space left on device");
        assertThat(Files.readAllBytes(dir.resolve("window.json"))).isEqualTo(before);
        assertThat(store.load()).isEqualTo(SAVED);
    }

    @Test
    void anUnreadableFileGivesTheDefaultsAndANotice() throws IOException {
        Path file = Files.writeString(dir.resolve("window.json"), "{\"width\": 1111, ");

        UiState loaded = new UiStateStore(dir, notices).load();

        assertThat(loaded).isEqualTo(UiState.defaults());
        assertThat(notices.recent()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notices.Kind.READ_PROBLEM);
            assertThat(notice.text()).startsWith("window state: " + file + " cannot be read (")
                    .endsWith("); the window opens with its defaults");
        });
    }
}
