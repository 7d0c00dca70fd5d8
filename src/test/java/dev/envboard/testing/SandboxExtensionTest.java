package dev.envboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Engine tests never skip silently: without a sandbox each of them fails with the reason, and only
 * the explicit opt-out skips them, each counted as skipped and reported at the end of the run.
 * Runs sample test classes (below; not run on their own) with a sandbox that cannot start.
 */
class SandboxExtensionTest {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private static Sandbox cannotStart() throws IOException {
        CALLS.add("start");
        throw new IOException("scripts/sandbox.sh up failed (exit 1): dockerd needs root");
    }

    /** Three engine tests with the lifecycle methods real ones have; every call is recorded. */
    abstract static class EngineTests {
        static Sandbox sandbox;

        @BeforeAll
        static void findSandbox(Sandbox found) {
            CALLS.add("beforeAll " + found.dir());
            sandbox = found;
        }

        @BeforeEach
        void setUp(Sandbox found) {
            CALLS.add("beforeEach");
        }

        @AfterEach
        void tearDown() {
            CALLS.add("afterEach " + sandbox.dir());
        }

        @AfterAll
        static void afterAll() {
            CALLS.add("afterAll " + sandbox.dir());
        }

        @Test
        void one(Sandbox found) {
            CALLS.add("one");
        }

        @Test
        void two() {
            CALLS.add("two");
        }

        @Test
        void three() {
            CALLS.add("three");
        }
    }

    static class WithoutASandbox extends EngineTests {
        @RegisterExtension
        static final SandboxExtension EXTENSION = new SandboxExtension(() -> false, SandboxExtensionTest::cannotStart);
    }

    static class SkippedOnPurpose extends EngineTests {
        @RegisterExtension
        static final SandboxExtension EXTENSION = new SandboxExtension(() -> true, SandboxExtensionTest::cannotStart);
    }

    static class NoEngineTests {
        @Test
        void plain() {
        }
    }

    private static EngineExecutionResults run(Class<?> tests) {
        CALLS.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(tests)).execute();
    }

    @Test
    void aSandboxThatCannotStartFailsEveryEngineTestWithTheReason() {
        EngineExecutionResults events = run(WithoutASandbox.class);

        events.testEvents().assertStatistics(stats -> stats.started(3).failed(3).succeeded(0).skipped(0).aborted(0));
        events.containerEvents().assertStatistics(stats -> stats.failed(0).aborted(0));
        assertThat(events.testEvents().failed().stream().map(SandboxExtensionTest::failure))
                .hasSize(3).allSatisfy(message -> assertThat(message).isEqualTo(
                        "the sandbox did not start: scripts/sandbox.sh up failed (exit 1): dockerd needs root"
                                + " (set ENVBOARD_SKIP_ENGINE_TESTS=1 to skip the engine tests on purpose)"));
        assertThat(CALLS).as("tried once; no set-up, test or tear-down ran without it").containsExactly("start");
    }

    @Test
    void theOptOutSkipsEachEngineTestWithoutStartingTheSandbox() {
        EngineExecutionResults events = run(SkippedOnPurpose.class);

        events.testEvents().assertStatistics(stats -> stats.skipped(3).started(0));
        assertThat(events.testEvents().skipped().stream().map(event -> event.getPayload(String.class).orElseThrow()))
                .hasSize(3).allSatisfy(reason -> assertThat(reason)
                        .isEqualTo("engine test skipped (ENVBOARD_SKIP_ENGINE_TESTS=1): it needs the sandbox's engines"));
        assertThat(CALLS).isEmpty();
    }

    @Test
    void theEndOfTheRunSaysHowManyEngineTestsWereSkippedOrFailed() {
        assertThat(report(SkippedOnPurpose.class)).isEqualTo("[envboard] 3 engine tests were SKIPPED because"
                + " ENVBOARD_SKIP_ENGINE_TESTS=1: they need the sandbox's real engines; unset it to run them\n");
        assertThat(report(WithoutASandbox.class)).isEqualTo("[envboard] 3 engine tests FAILED because the sandbox"
                + " did not start (see the first failure for why)\n");
        assertThat(report(NoEngineTests.class)).as("a run without engine tests says nothing").isEmpty();
    }

    /** What the report prints after a launcher ran {@code tests}. */
    private static String report(Class<?> tests) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // Only this report: the one registered for the whole run must not count the sample classes.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new SkippedEngineTestsReport(out)).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String failure(Event event) {
        return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    }
}
