package dev.envboard.ui.demo;

import dev.envboard.pool.PoolSpec;

/**
 * Whether an environment is protected (pools.yaml {@code protected:}): its teardown then asks the
 * user to type its name. The app asks the pool ({@code PoolSpec#isProtected}); tests give their own.
 */
@FunctionalInterface
public interface ProtectedEnvironments {
    ProtectedEnvironments NONE = (pool, environment) -> false;

    boolean isProtected(PoolSpec pool, String environment);
}
