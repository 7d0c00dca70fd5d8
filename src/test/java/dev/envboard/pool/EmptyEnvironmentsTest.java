package dev.envboard.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.runtime.OffFxThread;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmptyEnvironmentsTest {
    @TempDir
    Path dir;

    @Test
    void environmentsArePerPoolAndSurviveARestart() throws Exception {
        EmptyEnvironments store = new EmptyEnvironments(dir);
        store.add("lab", "staging");
        store.add("lab", "preprod");
        store.add("other", "x");
        store.remove("lab", "preprod");
        assertThat(Files.readString(dir.resolve("environments.json"))).contains("staging").doesNotContain("preprod");
        EmptyEnvironments again = new EmptyEnvironments(dir);
        assertThat(again.of("lab")).containsExactly("staging");
        assertThat(again.of("other")).containsExactly("x");
    }

    @Test
    void aWriteThatFailsSaysWhichFileAndWhy() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("state"), "a file where the state dir should be");
        EmptyEnvironments store = new EmptyEnvironments(notADirectory);
        assertThatThrownBy(() -> store.add("lab", "staging")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot save " + notADirectory.resolve("environments.json"));
    }

    @Test
    void writingOnTheFxThreadIsRefused() throws Exception {
        EmptyEnvironments store = new EmptyEnvironments(dir);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread fx = new Thread(() -> {
            try {
                store.add("lab", "staging");
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "JavaFX Application Thread");
        fx.start();
        fx.join();
        assertThat(thrown.get()).isInstanceOf(OffFxThread.Violation.class).hasMessageContaining("EmptyEnvironments.add");
        assertThat(store.of("lab")).as("refused before it changed anything").isEmpty();
    }
}
