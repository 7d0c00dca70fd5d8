package dev.envboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OffFxThreadTest {
    private final Logger logger = Logger.getLogger(OffFxThread.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
        logger.setUseParentHandlers(false); // the messages are expected here: keep them off the console
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    @Test
    void theTestsRunWithTheGuardStrict() {
        assertThat(System.getProperty(OffFxThread.PROPERTY)).as("surefire sets it").isEqualTo(OffFxThread.STRICT);
    }

    @Test
    void strictThrowsOnAThreadNamedLikeTheFxThreadNamingTheCall() throws Exception {
        Throwable thrown = runOn(OffFxThread.FX_THREAD_NAME, () -> OffFxThread.check("SomeService.load"));
        assertThat(thrown).isInstanceOf(IllegalStateException.class).isInstanceOf(OffFxThread.Violation.class)
                .hasMessage("SomeService.load blocks and must not run on the JavaFX application thread");
        assertThat(records).as("logged too, in case a caller swallows it").singleElement()
                .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.SEVERE))
                .satisfies(r -> assertThat(r.getThrown()).isSameAs(thrown));
    }

    @Test
    void passesOnOtherThreads() throws Exception {
        assertThat(runOn("envboard-io-1", () -> OffFxThread.check("SomeService.load"))).isNull();
        assertThat(runOn("main", () -> OffFxThread.check("SomeService.load", true))).isNull();
        assertThat(runOn("JavaFX Application Thread 2", () -> OffFxThread.check("SomeService.load", true))).isNull();
        OffFxThread.check("SomeService.load"); // the test's own thread
        assertThat(records).isEmpty();
    }

    @Test
    void lenientLogsOneWarningWithAStackTracePerCall() throws Exception {
        Throwable thrown = runOn(OffFxThread.FX_THREAD_NAME, () -> {
            OffFxThread.check("Lenient.first", false);
            OffFxThread.check("Lenient.first", false);
            OffFxThread.check("Lenient.second", false);
        });
        assertThat(thrown).isNull();
        assertThat(records).extracting(LogRecord::getMessage).containsExactly(
                "Lenient.first blocks and must not run on the JavaFX application thread",
                "Lenient.second blocks and must not run on the JavaFX application thread");
        assertThat(records).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
        assertThat(records.get(0).getThrown().getStackTrace()[0].getClassName()).isEqualTo(OffFxThread.class.getName());
    }

    private static Throwable runOn(String threadName, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, threadName);
        thread.start();
        thread.join();
        return thrown.get();
    }
}
