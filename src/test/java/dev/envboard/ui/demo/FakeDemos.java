package dev.envboard.ui.demo;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoException;
import dev.envboard.demo.DemoExpiry;
import dev.envboard.demo.DemoHost;
import dev.envboard.demo.DemoListener;
import dev.envboard.demo.DemoListing;
import dev.envboard.demo.DemoPhase;
import dev.envboard.demo.DemoState;
import dev.envboard.demo.Demos;
import dev.envboard.demo.EntryPoint;
import dev.envboard.demo.LaunchRequest;
import dev.envboard.demo.LaunchResult;
import dev.envboard.demo.TeardownResult;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.deploy.CancelToken;
import dev.envboard.pool.PoolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Demos in memory, by pool name, with the expiry rules of the real service (extend up to the
 * latest expiry); launches and teardowns answer what the test set, and every call is recorded.
 */
final class FakeDemos implements Demos {
    final MovingClock clock;
    final DemoExpiry expiry;
    final Map<String, Map<String, Demo>> pools = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<LaunchRequest> launched = new ArrayList<>();
    final List<CancelToken> tokens = new ArrayList<>();
    TemplateCatalog.Listing templates = new TemplateCatalog.Listing(List.of(), Map.of(), null);
    Function<LaunchRequest, LaunchResult> onLaunch = request -> LaunchResult.refused("no launch expected");
    Function<String, TeardownResult> onTeardown = env -> new TeardownResult(TeardownResult.Outcome.DONE, env + " is gone", List.of());
    List<String> listingProblems = List.of();

    FakeDemos(MovingClock clock) {
        this.clock = clock;
        this.expiry = new DemoExpiry(clock);
    }

    /** A running demo of {@code pool}, created now, expiring after {@code lifetime}; at most 14 days. */
    Demo add(String pool, String customer, Duration lifetime) {
        Instant now = clock.instant();
        String env = "demo-" + customer.toLowerCase();
        Demo demo = new Demo(pool, env, "alice", customer, "webshop", now, now.plus(lifetime), now.plus(Duration.ofDays(14)), false,
                List.of(new DemoHost("tcp://alpha:2376", "alpha")), Map.of("DATASET", "small"),
                List.of(new EntryPoint("Web shop", "shop:8080", "http://10.0.0.1:8080/", "alpha")), DemoState.RUNNING, List.of(), null);
        put(demo);
        return demo;
    }

    void put(Demo demo) {
        pools.computeIfAbsent(demo.pool(), p -> new LinkedHashMap<>()).put(demo.environment(), demo);
    }

    Demo get(String pool, String env) {
        return pools.get(pool).get(env);
    }

    long calls(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    @Override
    public TemplateCatalog.Listing templates(PoolSpec pool) {
        calls.add("templates " + pool.name());
        return templates;
    }

    @Override
    public LaunchResult launch(PoolSpec pool, LaunchRequest request, DemoListener listener, CancelToken cancel) {
        calls.add("launch " + pool.name() + " " + request.customer());
        launched.add(request);
        tokens.add(cancel);
        listener.phase(DemoPhase.VALIDATE);
        LaunchResult result = onLaunch.apply(request);
        if (result.demo() != null) {
            put(result.demo());
        }
        return result;
    }

    @Override
    public DemoListing list(PoolSpec pool) {
        calls.add("list " + pool.name());
        return new DemoListing(List.copyOf(pools.getOrDefault(pool.name(), Map.of()).values()), listingProblems);
    }

    @Override
    public Optional<Demo> find(PoolSpec pool, String environment) {
        return Optional.ofNullable(pools.getOrDefault(pool.name(), Map.of()).get(environment));
    }

    @Override
    public Demo extend(PoolSpec pool, String environment, Duration by) throws DemoException {
        calls.add("extend " + environment + " " + by);
        Demo demo = existing(pool, environment);
        Instant from = demo.expires().isAfter(clock.instant()) ? demo.expires() : clock.instant();
        return extendUntil(pool, environment, from.plus(by));
    }

    @Override
    public Demo extendUntil(PoolSpec pool, String environment, Instant until) throws DemoException {
        Demo demo = existing(pool, environment);
        if (until.isAfter(demo.latestExpiry())) {
            throw new DemoException(environment + " cannot live past " + demo.latestExpiry() + "; keep it instead", true);
        }
        Demo extended = demo.withExpires(until);
        put(extended);
        return extended;
    }

    @Override
    public Demo keep(PoolSpec pool, String environment, boolean keep) throws DemoException {
        calls.add("keep " + environment + " " + keep);
        Demo kept = existing(pool, environment).withKeep(keep);
        put(kept);
        return kept;
    }

    @Override
    public TeardownResult teardown(PoolSpec pool, String environment, String confirmation, DemoListener listener,
                                   CancelToken cancel) {
        calls.add("teardown " + environment + (confirmation == null ? "" : " confirmed " + confirmation));
        tokens.add(cancel);
        return tornDown(pool, environment);
    }

    @Override
    public TeardownResult cleanup(PoolSpec pool, String environment, String confirmation, DemoListener listener,
                                  CancelToken cancel) {
        calls.add("cleanup " + environment + (confirmation == null ? "" : " confirmed " + confirmation));
        tokens.add(cancel);
        return tornDown(pool, environment);
    }

    private TeardownResult tornDown(PoolSpec pool, String environment) {
        TeardownResult result = onTeardown.apply(environment);
        Map<String, Demo> demos = pools.getOrDefault(pool.name(), new LinkedHashMap<>());
        if (result.done()) {
            demos.remove(environment);
        } else if (result.outcome() == TeardownResult.Outcome.STUCK && demos.containsKey(environment)) {
            demos.put(environment, demos.get(environment).withState(DemoState.STUCK, result.left(), result.message()));
        }
        return result;
    }

    @Override
    public DemoExpiry expiry() {
        return expiry;
    }

    private Demo existing(PoolSpec pool, String environment) throws DemoException {
        return find(pool, environment).orElseThrow(() -> new DemoException("no demo " + environment, true));
    }
}
