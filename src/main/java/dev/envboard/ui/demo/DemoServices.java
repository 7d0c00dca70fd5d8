package dev.envboard.ui.demo;

import dev.envboard.demo.Demos;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ui.common.Background;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the demo features work with: the service (a fake in unit tests), the window's ports and
 * the two executors.
 *
 * @param background  where launches, teardowns and the like run, listed as operations
 * @param refreshPool asks a pool for a new snapshot now (after a launch or a teardown); must not block
 * @param protection  which environments ask for their name typed before a teardown
 * @param io          runs blocking calls (listing demos and templates)
 * @param fx          runs on the FX thread ({@code Platform::runLater} in the app)
 */
public record DemoServices(Demos demos, Background background, Consumer<PoolSpec> refreshPool, Links links,
                           ExpiryNotifier notifier, ProtectedEnvironments protection, Executor io, Executor fx) {
}
