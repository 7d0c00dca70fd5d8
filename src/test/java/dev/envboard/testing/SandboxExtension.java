package dev.envboard.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the sandbox once per test run (and stops it at the end if this run started it).
 * Under CI=true a sandbox that cannot start fails the tests; elsewhere they are skipped with the
 * reason, so a developer without root can still run the unit tests.
 */
public final class SandboxExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox(context);
    }

    private static Sandbox sandbox(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Object value = store.getOrComputeIfAbsent("sandbox", key -> {
            try {
                return Sandbox.start();
            } catch (Exception e) {
                return new IllegalStateException("the sandbox did not start: " + e.getMessage(), e);
            }
        });
        if (value instanceof IllegalStateException failure) {
            if ("true".equals(System.getenv("CI"))) {
                throw failure;
            }
            Assumptions.abort(failure.getMessage() + " (set CI=true to make this a failure)");
        }
        return (Sandbox) value;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return sandbox(extension);
    }
}
