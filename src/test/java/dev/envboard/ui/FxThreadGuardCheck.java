package dev.envboard.ui;

import dev.envboard.runtime.OffFxThread;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a UI test whose views made a blocking service call on the FX thread. The guard is strict
 * in the tests (the pom sets {@code envboard.fx-guard=strict}): it throws, which an event handler
 * or a future may swallow, and logs, which this extension reads. Register it first: it starts
 * listening before the window is built and fails the test after the test's own cleanup ran.
 */
public final class FxThreadGuardCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FxThreadGuardCheck.class);
    private static final Logger GUARD_LOG = Logger.getLogger(OffFxThread.class.getName());

    private static final class Recorder extends Handler {
        final List<LogRecord> violations = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getThrown() instanceof OffFxThread.Violation) {
                violations.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!OffFxThread.STRICT.equals(System.getProperty(OffFxThread.PROPERTY))) {
            throw new IllegalStateException("UI tests must run with -D" + OffFxThread.PROPERTY + "=" + OffFxThread.STRICT);
        }
        Recorder recorder = new Recorder();
        GUARD_LOG.addHandler(recorder);
        context.getStore(NAMESPACE).put(Recorder.class, recorder);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Recorder recorder = context.getStore(NAMESPACE).remove(Recorder.class, Recorder.class);
        GUARD_LOG.removeHandler(recorder);
        if (!recorder.violations.isEmpty()) {
            AssertionError failure = new AssertionError("blocking calls on the FX thread: "
                    + recorder.violations.stream().map(LogRecord::getMessage).distinct().toList());
            failure.initCause(recorder.violations.get(0).getThrown());
            throw failure;
        }
    }
}
