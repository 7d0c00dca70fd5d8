package dev.envboard.testing;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a test run how many engine tests did not run: skipped on purpose
 * ({@value SandboxExtension#SKIP_VARIABLE}=1), or failed because the sandbox did not start. Registered
 * through META-INF/services, so every launcher (surefire, an IDE) reports it.
 */
public final class SkippedEngineTestsReport implements TestExecutionListener {
    private final PrintStream out;
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger notStarted = new AtomicInteger();
    private volatile TestPlan plan;

    public SkippedEngineTestsReport() {
        this(System.out);
    }

    SkippedEngineTestsReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skipped.set(0);
        notStarted.set(0);
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (reason != null && reason.startsWith(SandboxExtension.SKIPPED)) {
            skipped.addAndGet(identifier.isTest() ? 1 : testsUnder(identifier));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<Throwable> failure = result.getThrowable();
        if (identifier.isTest() && failure.isPresent() && String.valueOf(failure.get().getMessage()).startsWith(SandboxExtension.NOT_STARTED)) {
            notStarted.incrementAndGet();
        }
    }

    private int testsUnder(TestIdentifier container) {
        TestPlan current = plan;
        return current == null ? 0 : (int) current.getDescendants(container).stream().filter(TestIdentifier::isTest).count();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (skipped.get() > 0) {
            out.println("[envboard] " + skipped.get() + " engine test" + (skipped.get() == 1 ? " was" : "s were")
                    + " SKIPPED because " + SandboxExtension.SKIP_VARIABLE + "=1: they need the sandbox's real engines;"
                    + " unset it to run them");
        }
        if (notStarted.get() > 0) {
            out.println("[envboard] " + notStarted.get() + " engine test" + (notStarted.get() == 1 ? "" : "s")
                    + " FAILED because the sandbox did not start (see the first failure for why)");
        }
        out.flush();
    }
}
