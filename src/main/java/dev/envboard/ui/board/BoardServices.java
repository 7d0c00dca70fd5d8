package dev.envboard.ui.board;

import dev.envboard.pool.EmptyEnvironmentStore;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.move.HostMover;
import dev.envboard.ui.common.Background;
import dev.envboard.ui.deploys.DeployStates;
import dev.envboard.ui.watch.Watchlist;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the board works with: the services behind it (real ones in the app, in-memory ones in
 * unit tests) and the two executors.
 *
 * @param refresh      asks a pool for a new snapshot now (after a verified move); must not block
 * @param environments environments kept without hosts
 * @param background   where moves run, listed as operations
 * @param io           runs blocking calls
 * @param fx           runs on the FX thread ({@code Platform::runLater} in the app)
 * @param watchlist    the watched environments (a star on their column)
 */
public record BoardServices(HostMover moves, HostKeyTrust hostKeys, EmptyEnvironmentStore environments,
                            Consumer<PoolSpec> refresh, DeployStates deploys, Background background, Executor io, Executor fx,
                            Watchlist watchlist) {

    /** Services whose watchlist starts empty and is kept by nobody. */
    public BoardServices(HostMover moves, HostKeyTrust hostKeys, EmptyEnvironmentStore environments, Consumer<PoolSpec> refresh,
                         DeployStates deploys, Background background, Executor io, Executor fx) {
        this(moves, hostKeys, environments, refresh, deploys, background, io, fx, new Watchlist(java.util.List.of()));
    }
}
