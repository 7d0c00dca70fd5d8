package dev.envboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class OffFxThreadTest {

    @Test
    void theTestsRunWithTheGuardStrict() {
        assertThat(System.getProperty(OffFxThread.PROPERTY)).as("surefire sets it").isEqualTo(OffFxThread.STRICT);
    }

    @Test
    void strictThrowsOnAThreadNamedLikeTheFxThreadNamingTheCall() throws Exception {
        Throwable thrown = runOn(OffFxThread.FX_THREAD_NAME, () -> OffFxThread.check("SomeService.load"));
        assertThat(thrown).isInstanceOf(IllegalStateException.class).isInstanceOf(OffFxThread.Violation.class)
                .hasMessageContaining("SomeService.load").hasMessageContaining("JavaFX application thread");
    }

    @Test
    void passesOnOtherThreads() throws Exception {
        assertThat(runOn("envboard-io-1", () -> OffFxThread.check("SomeService.load"))).isNull();
        assertThat(runOn("main", () -> OffFxThread.check("SomeService.load", true))).isNull();
        OffFxThread.check("SomeService.load"); // the test's own thread
    }

    @Test
    void lenientLogsOneWarningWithAStackTracePerCall() throws Exception {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
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
        Logger logger = Logger.getLogger(OffFxThread.class.getName());
        logger.addHandler(capture);
        logger.setUseParentHandlers(false); // the warnings are expected here: keep them off the console
        try {
            Throwable thrown = runOn(OffFxThread.FX_THREAD_NAME, () -> {
                OffFxThread.check("Lenient.first", false);
                OffFxThread.check("Lenient.first", false);
                OffFxThread.check("Lenient.second", false);
            });
            assertThat(thrown).isNull();
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(true);
        }
        assertThat(records).extracting(LogRecord::getMessage).containsExactly(
                "Lenient.first blocks and must not run on the JavaFX application thread",
                "Lenient.second blocks and must not run on the JavaFX application thread");
        assertThat(records.get(0).getThrown()).isNotNull();
        assertThat(records.get(0).getThrown().getStackTrace()).isNotEmpty();
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
