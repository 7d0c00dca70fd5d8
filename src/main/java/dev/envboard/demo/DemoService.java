package dev.envboard.demo;

import dev.envboard.deploy.CancelToken;
import dev.envboard.deploy.EnvironmentRemoval;
import dev.envboard.deploy.RedeployService;
import dev.envboard.deploy.ServiceHosts;
import dev.envboard.demo.template.DemoDuration;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateStacks;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.move.HostMover;
import dev.envboard.runtime.OffFxThread;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Presales demos: launched from a pool's templates on its free hosts through the same audited
 * moves and the same redeploy run as everything else, recorded in the pool (not on one laptop),
 * extended, kept, and torn down until nothing of them is left. Blocking: off the FX thread.
 *
 * <p>Extensions never go past the demo's latest expiry, its creation plus the template's maximum
 * lifetime as it was at launch; a demo that must live longer is kept ({@link #keep}), which
 * exempts it from expiry altogether. Nothing here ever removes an expired demo by itself.
 */
public final class DemoService implements Demos {
    private final TemplateCatalog catalog;
    private final DemoRecords records;
    private final DemoExpiry expiry;
    private final Clock clock;
    private final DemoLaunch launch;
    private final DemoTeardown teardown;

    /**
     * @param user who launches: the demos' owner
     */
    public DemoService(TemplateCatalog catalog, TemplateStacks stacks, PoolInspector inspector, HostMover mover,
                       RedeployService redeploys, EnvironmentRemoval removal, ServiceHosts serviceHosts, DemoRecords records,
                       Clock clock, String user) {
        this.catalog = catalog;
        this.records = records;
        this.clock = clock;
        this.expiry = new DemoExpiry(clock);
        EntryPoints entryPoints = new EntryPoints(serviceHosts);
        this.launch = new DemoLaunch(catalog, stacks, inspector, mover, redeploys, records, entryPoints, clock, user);
        this.teardown = new DemoTeardown(inspector, mover, removal, records);
    }

    @Override
    public TemplateCatalog.Listing templates(PoolSpec pool) {
        OffFxThread.check("DemoService.templates");
        return catalog.list(pool.templatesDir());
    }

    @Override
    public LaunchResult launch(PoolSpec pool, LaunchRequest request, DemoListener listener, CancelToken cancel) {
        OffFxThread.check("DemoService.launch");
        return launch.run(pool, request, listener, cancel);
    }

    @Override
    public DemoListing list(PoolSpec pool) {
        OffFxThread.check("DemoService.list");
        return records.list(pool);
    }

    @Override
    public Optional<Demo> find(PoolSpec pool, String environment) {
        OffFxThread.check("DemoService.find");
        return records.find(pool, environment);
    }

    @Override
    public Demo extend(PoolSpec pool, String environment, Duration by) throws DemoException {
        OffFxThread.check("DemoService.extend");
        if (by == null || by.isNegative() || by.isZero()) {
            throw new DemoException("extend by a positive duration, e.g. 1d", true);
        }
        Demo demo = existing(pool, environment);
        Instant from = demo.expires().isAfter(clock.instant()) ? demo.expires() : clock.instant();
        return setExpiry(pool, demo, from.plus(by));
    }

    @Override
    public Demo extendUntil(PoolSpec pool, String environment, Instant until) throws DemoException {
        OffFxThread.check("DemoService.extendUntil");
        Demo demo = existing(pool, environment);
        if (!until.isAfter(clock.instant())) {
            throw new DemoException("the new expiry " + until + " has passed already", true);
        }
        return setExpiry(pool, demo, until);
    }

    private Demo setExpiry(PoolSpec pool, Demo demo, Instant until) throws DemoException {
        if (until.isAfter(demo.latestExpiry())) {
            throw new DemoException(demo.environment() + " cannot live past " + demo.latestExpiry() + " (created " + demo.created()
                    + " plus the " + DemoDuration.format(Duration.between(demo.created(), demo.latestExpiry()))
                    + " template " + demo.template() + " allows); extend it by at most "
                    + DemoDuration.format(Duration.between(demo.expires().isAfter(clock.instant()) ? demo.expires() : clock.instant(),
                    demo.latestExpiry())) + ", or keep it (exempt from expiry)", true);
        }
        Demo extended = demo.withExpires(until);
        records.put(pool, extended);
        return extended;
    }

    @Override
    public Demo keep(PoolSpec pool, String environment, boolean keep) throws DemoException {
        OffFxThread.check("DemoService.keep");
        Demo demo = existing(pool, environment);
        if (demo.keep() == keep) {
            return demo;
        }
        Demo changed = demo.withKeep(keep);
        records.put(pool, changed);
        return changed;
    }

    @Override
    public TeardownResult teardown(PoolSpec pool, String environment, String confirmation, DemoListener listener,
                                   CancelToken cancel) {
        OffFxThread.check("DemoService.teardown");
        return teardown.run(pool, environment, false, confirmation, listener, cancel);
    }

    @Override
    public TeardownResult cleanup(PoolSpec pool, String environment, String confirmation, DemoListener listener,
                                  CancelToken cancel) {
        OffFxThread.check("DemoService.cleanup");
        return teardown.run(pool, environment, true, confirmation, listener, cancel);
    }

    @Override
    public DemoExpiry expiry() {
        return expiry;
    }

    private Demo existing(PoolSpec pool, String environment) throws DemoException {
        return records.find(pool, environment).orElseThrow(() -> new DemoException("no demo " + environment + " in pool "
                + pool.name(), true));
    }
}
