package dev.envboard.testing;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Marks an engine test (one that needs the sandbox's real engines) and starts the sandbox once per
 * test run (stopping it at the end if this run started it).
 *
 * <p>A sandbox that cannot start fails every engine test, each with the reason, whatever CI says:
 * a skip would hide them (surefire shows a class aborted before its tests as "Tests run: 0"). The
 * only way to skip them is to ask: {@value #SKIP_VARIABLE}=1 disables each engine test, so surefire
 * counts every one as skipped, and {@link SkippedEngineTestsReport} prints how many at the end.
 */
public class SandboxExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        ParameterResolver, InvocationInterceptor {
    public static final String SKIP_VARIABLE = "ENVBOARD_SKIP_ENGINE_TESTS";
    /** How a skipped engine test's reason starts; the report counts them by it. */
    public static final String SKIPPED = "engine test skipped (" + SKIP_VARIABLE + "=1)";
    /** How the failure of an engine test whose sandbox did not start begins. */
    public static final String NOT_STARTED = "the sandbox did not start";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

    private final BooleanSupplier skip;
    private final Callable<Sandbox> start;

    public SandboxExtension() {
        this(() -> "1".equals(System.getenv(SKIP_VARIABLE)), Sandbox::start);
    }

    /** For the tests of this extension: a skip switch and a sandbox of their own. */
    SandboxExtension(BooleanSupplier skip, Callable<Sandbox> start) {
        this.skip = skip;
        this.start = start;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // Disabled one by one, so that each shows as skipped; a disabled class would count as one.
        if (skip.getAsBoolean() && context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.disabled(SKIPPED + ": it needs the sandbox's engines");
        }
        return ConditionEvaluationResult.enabled("engine tests run");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!skip.getAsBoolean()) {
            outcome(context);
        }
    }

    /** Every engine test fails here, before a @Start or @BeforeEach could trip over a missing sandbox. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (outcome(context) instanceof NotStarted failure) {
            throw new AssertionError(failure.message() + " (set " + SKIP_VARIABLE + "=1 to skip the engine tests on purpose)",
                    failure.cause());
        }
    }

    private record NotStarted(String message, Throwable cause) {
    }

    private Object outcome(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("sandbox", key -> {
            try {
                return start.call();
            } catch (Exception | AssertionError e) {
                return new NotStarted(NOT_STARTED + ": " + e.getMessage(), e);
            }
        });
    }

    private boolean unavailable(ExtensionContext context) {
        return skip.getAsBoolean() || outcome(context) instanceof NotStarted;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    /** Null only for a class-level method that {@link #interceptBeforeAllMethod} then skips. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return !skip.getAsBoolean() && outcome(extension) instanceof Sandbox sandbox ? sandbox : null;
    }

    // Without a sandbox, the tests' own set-up and tear-down methods have nothing to work on.

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        proceedUnlessUnavailable(invocation, context);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                        ExtensionContext context) throws Throwable {
        proceedUnlessUnavailable(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        proceedUnlessUnavailable(invocation, context);
    }

    private void proceedUnlessUnavailable(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (unavailable(context)) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }
}
