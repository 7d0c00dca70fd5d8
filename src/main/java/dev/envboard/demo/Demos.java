package dev.envboard.demo;

import dev.envboard.deploy.CancelToken;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.pool.PoolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Presales demos on a pool: launched from a template on free hosts, recorded in the pool itself,
 * extended, kept, torn down. {@link DemoService} is the real one. Every call blocks (engines, SSH,
 * the pool's records): call it off the FX thread.
 */
public interface Demos {
    /** The templates of the pool's templates: folder, good and bad (each bad one with every problem). */
    TemplateCatalog.Listing templates(PoolSpec pool);

    /**
     * Launches a demo: checks everything first (template, values, lifetime, name, free hosts,
     * the stack), then labels the hosts (audited move), records the demo in the pool, and deploys
     * it through the redeploy run. Never throws for a failed launch: the result says how it ended
     * and, after a failure, exactly what is left.
     */
    LaunchResult launch(PoolSpec pool, LaunchRequest request, DemoListener listener, CancelToken cancel);

    /** The demos the pool records, whoever launched them; with the problems met reading them. */
    DemoListing list(PoolSpec pool);

    /** The demo of one environment, if the pool records one. */
    Optional<Demo> find(PoolSpec pool, String environment);

    /**
     * Moves the expiry {@code by} later (from now when it already passed).
     *
     * @throws DemoException refused past the demo's latest expiry (created + the template's maximum
     *                       lifetime; keep it instead), for no such demo, or when the record cannot be written
     */
    Demo extend(PoolSpec pool, String environment, Duration by) throws DemoException;

    /** Sets the expiry to {@code until}, within the same limits as {@link #extend}. */
    Demo extendUntil(PoolSpec pool, String environment, Instant until) throws DemoException;

    /** Keep: exempts the demo from expiry (true) or ends that (false). */
    Demo keep(PoolSpec pool, String environment, boolean keep) throws DemoException;

    /**
     * Removes the demo's stack and waits until it is really gone, returns its hosts to Unassigned
     * (audited move), removes its record, then checks that nothing is left. Anything left marks the
     * demo stuck, naming each thing; {@link #cleanup} retries.
     *
     * @param confirmation the environment's name as the user typed it, for a protected environment
     *                     (pools.yaml protected:, see {@link dev.envboard.pool.Protection}); null: none typed,
     *                     and the teardown of a protected demo is refused before anything changes
     */
    TeardownResult teardown(PoolSpec pool, String environment, String confirmation, DemoListener listener, CancelToken cancel);

    /** Retries the teardown of a stuck (or failed) demo and reports what is left, if anything; confirmed as {@link #teardown}. */
    TeardownResult cleanup(PoolSpec pool, String environment, String confirmation, DemoListener listener, CancelToken cancel);

    /** A teardown without a typed name: refused for a protected environment. */
    default TeardownResult teardown(PoolSpec pool, String environment, DemoListener listener, CancelToken cancel) {
        return teardown(pool, environment, null, listener, cancel);
    }

    /** A clean-up without a typed name: refused for a protected environment. */
    default TeardownResult cleanup(PoolSpec pool, String environment, DemoListener listener, CancelToken cancel) {
        return cleanup(pool, environment, null, listener, cancel);
    }

    /** Time left, expired, and notification thresholds, by the services' clock. */
    DemoExpiry expiry();
}
