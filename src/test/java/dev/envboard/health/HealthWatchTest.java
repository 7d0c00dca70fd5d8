package dev.envboard.health;

import static dev.envboard.health.HealthFixtures.TOKEN_ENV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HealthWatch against ConsulDouble: blocking queries, maintenance, index resets, outages, ACLs. */
class HealthWatchTest {
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final String TOKEN = "6f1d2c9e-0000-4000-8000-00000000c0de";

    private ConsulDouble consul;
    private HealthWatch watch;
    private final List<HealthSnapshot> heard = new CopyOnWriteArrayList<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startDouble() throws Exception {
        consul = ConsulDouble.start();
        HealthFixtures.register(consul);
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        consul.close();
    }

    private HealthWatch start(Map<String, String> env) {
        watch = HealthWatch.start(HealthFixtures.pool(consul.address(), env.isEmpty() ? null : TOKEN_ENV),
                HealthFixtures.options(env), snapshot -> {
                    listenerThreads.add(Thread.currentThread().getName());
                    heard.add(snapshot);
                });
        watch.updateHosts(HealthFixtures.hosts());
        return watch;
    }

    private HealthSnapshot awaitHeard(Predicate<HealthSnapshot> condition) {
        return awaitHeard(0, condition);
    }

    /** The latest snapshot heard from the {@code from}-th on that matches. */
    private HealthSnapshot awaitHeard(int from, Predicate<HealthSnapshot> condition) {
        await().atMost(LONG).until(() -> heard.stream().skip(from).anyMatch(condition));
        return heard.stream().skip(from).filter(condition).reduce((a, b) -> b).orElseThrow();
    }

    private static HealthStatus statusOf(HealthSnapshot s, String id) {
        return s.instances().stream().filter(i -> i.id().equals(id)).findFirst().map(ServiceInstance::status).orElse(null);
    }

    private HealthSnapshot awaitOk() {
        return awaitOk(0);
    }

    private HealthSnapshot awaitOk(int from) {
        return awaitHeard(from, s -> s.state() == ConsulState.OK && s.instances().size() == 3 && statusOf(s, "web-1") == HealthStatus.PASSING
                && s.hostStatus("host-1") == HealthStatus.PASSING);
    }

    @Test
    void aCheckTurningCriticalReachesTheListenerThroughABlockingQuery() {
        start(Map.of());
        HealthSnapshot ok = awaitOk();
        assertThat(heard.get(0).state()).isEqualTo(ConsulState.CONNECTING);
        assertThat(listenerThreads).allMatch(name -> name.startsWith("consul-watch-lab-"));
        assertThat(ok.counts("prod")).isEqualTo(new EnvironmentCounts(1, 0, 0, 0, 0));
        // Every watch now waits at Consul; the change must arrive through a held query, not a new poll.
        await().atMost(LONG).until(() -> consul.held() >= 3);
        long before = consul.checksIndex();

        consul.setCheck("node-1", "service:web-1", "critical", "HTTP GET: 503 Service Unavailable");

        HealthSnapshot critical = awaitHeard(s -> statusOf(s, "web-1") == HealthStatus.CRITICAL);
        assertThat(critical.state()).isEqualTo(ConsulState.OK);
        assertThat(critical.hostStatus("host-1")).isEqualTo(HealthStatus.CRITICAL);
        assertThat(critical.counts("prod")).isEqualTo(new EnvironmentCounts(0, 0, 1, 0, 0));
        assertThat(critical.instancesIn("prod").get(0).failingChecks()).extracting(HealthCheck::firstOutputLine)
                .containsExactly("HTTP GET: 503 Service Unavailable");
        ConsulDouble.Request answered = consul.requests("/v1/health/state/any").stream()
                .filter(r -> r.index() == before).findFirst().orElseThrow();
        assertThat(answered.held()).as("the query that brought the change was held by Consul").isTrue();
        assertThat(answered.wokenByChange()).isTrue();
        assertThat(answered.query()).contains("wait=60s").contains("index=" + answered.index());
        assertThat(watch.current()).isSameAs(heard.get(heard.size() - 1));
    }

    @Test
    void maintenanceShowsWithItsReasonAndIsNeverPassing() {
        start(Map.of());
        awaitOk();
        consul.nodeMaintenance("node-1", "kernel upgrade");
        consul.serviceMaintenance("web-2", "draining for migration");

        HealthSnapshot s = awaitHeard(x -> statusOf(x, "web-1") == HealthStatus.MAINTENANCE
                && statusOf(x, "web-2") == HealthStatus.MAINTENANCE);
        assertThat(s.hostStatus("host-1")).isEqualTo(HealthStatus.MAINTENANCE);
        assertThat(s.hostMaintenanceReason("host-1")).contains("kernel upgrade");
        assertThat(s.instances().stream().filter(i -> i.id().equals("web-2")).findFirst().orElseThrow().maintenanceReason())
                .isEqualTo("draining for migration");
        assertThat(s.counts("prod")).isEqualTo(new EnvironmentCounts(0, 0, 0, 1, 0));
        assertThat(s.counts("staging")).isEqualTo(new EnvironmentCounts(0, 0, 0, 1, 0));
        assertThat(s.nodes().stream().filter(n -> n.node().equals("node-1")).findFirst().orElseThrow().status())
                .isEqualTo(HealthStatus.MAINTENANCE);
    }

    @Test
    void instancesGoToEnvironmentsByHostMetaOrTag() {
        start(Map.of());
        HealthSnapshot s = awaitOk();
        assertThat(s.instancesIn("prod")).extracting(ServiceInstance::id).containsExactly("web-1");
        assertThat(s.instancesIn("staging")).extracting(ServiceInstance::id).containsExactly("web-2");
        assertThat(s.instancesIn("qa")).extracting(ServiceInstance::id).containsExactly("db-1");
        assertThat(s.instancesOn("node-2.lab.example")).extracting(ServiceInstance::id).containsExactly("web-2");
        assertThat(s.instancesOn("host-3")).extracting(ServiceInstance::id).containsExactly("db-1");
    }

    @Test
    void newHostsAreJoinedWithoutAskingConsulAndNeverOnTheCallersThread() {
        start(Map.of());
        awaitOk();
        await().atMost(LONG).until(() -> consul.held() >= 3);
        int asked = consul.arrivals("/v1/health/state/any").size() + consul.arrivals("/v1/catalog/services").size();
        int from = heard.size();
        watch.updateHosts(List.of(HealthFixtures.host("host-1", "10.0.0.1", "qa")));

        HealthSnapshot s = awaitHeard(from, x -> x.instancesIn("qa").stream().anyMatch(i -> i.id().equals("web-1")));
        assertThat(s.counts("prod")).isEqualTo(EnvironmentCounts.NONE);
        assertThat(s.instancesOn("host-3")).isEmpty();
        assertThat(consul.arrivals("/v1/health/state/any").size() + consul.arrivals("/v1/catalog/services").size()).isEqualTo(asked);
        assertThat(listenerThreads).allMatch(name -> name.startsWith("consul-watch-lab-"))
                .doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void anIndexGoingBackwardsResetsTheWatchToZeroAndReReads() {
        start(Map.of());
        awaitOk();
        await().atMost(LONG).until(() -> consul.held() >= 3);
        long before = consul.checksIndex();
        int seen = consul.arrivals("/v1/health/state/any").size();

        consul.restoreTo(5, "node-1", "service:web-1", "warning");

        HealthSnapshot s = awaitHeard(x -> statusOf(x, "web-1") == HealthStatus.WARNING);
        assertThat(s.state()).isEqualTo(ConsulState.OK);
        await().atMost(LONG).until(() -> consul.arrivals("/v1/health/state/any").size() >= seen + 2);
        List<ConsulDouble.Request> after = consul.arrivals("/v1/health/state/any").stream().skip(seen - 1).toList();
        assertThat(after.get(0).index()).isEqualTo(before);
        assertThat(after.get(1).index()).as("after an index went backwards the watch starts over at 0").isZero();
        assertThat(after.get(2).index()).as("then blocks again on the restored index").isEqualTo(5);
    }

    @Test
    void consulDownIsUnreachableWithUnknownStatusesThenOkWhenItComesBack() throws Exception {
        start(Map.of());
        awaitOk();
        consul.down();

        HealthSnapshot down = awaitHeard(s -> s.state() == ConsulState.UNREACHABLE);
        assertThat(down.message()).startsWith("unreachable: ").contains("retrying in");
        assertThat(down.instances()).hasSize(3).allMatch(i -> i.status() == HealthStatus.UNKNOWN);
        assertThat(down.hostStatus("host-1")).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(down.counts("prod")).isEqualTo(new EnvironmentCounts(0, 0, 0, 0, 1));
        assertThat(down.isCurrent()).isFalse();

        int beforeUp = heard.size();
        consul.up();
        HealthSnapshot back = awaitOk(beforeUp);
        assertThat(back.message()).doesNotContain("unreachable");
    }

    @Test
    void aRefusedTokenIsUnauthorizedNeverHealthy() {
        consul.requireToken(TOKEN);
        start(Map.of(TOKEN_ENV, "not-the-token"));
        HealthSnapshot s = awaitHeard(x -> x.state() == ConsulState.UNAUTHORIZED);
        assertThat(s.message()).startsWith("unauthorized: ").contains("403").contains("$" + TOKEN_ENV)
                .doesNotContain("not-the-token");
        assertThat(heard).noneMatch(x -> x.state() == ConsulState.OK);
        // It keeps retrying, with backoff.
        int refused = consul.requests().size();
        await().atMost(LONG).until(() -> consul.requests().size() > refused + 3);
    }

    @Test
    void aMissingTokenVariableIsUnauthorizedAndNothingIsSent() {
        consul.requireToken(TOKEN);
        watch = HealthWatch.start(HealthFixtures.pool(consul.address(), TOKEN_ENV), HealthFixtures.options(Map.of("OTHER", "x")),
                heard::add);
        HealthSnapshot s = awaitHeard(x -> x.state() == ConsulState.UNAUTHORIZED);
        assertThat(s.message()).contains(TOKEN_ENV).contains("not set");
        assertThat(consul.requests()).isEmpty();
    }

    @Test
    void theTokenGoesOnlyAsAHeaderOnEveryRequest() {
        consul.requireToken(TOKEN);
        start(Map.of(TOKEN_ENV, TOKEN));
        awaitOk();
        consul.setCheck("node-2", "service:web-2", "warning", "slow");
        awaitHeard(x -> statusOf(x, "web-2") == HealthStatus.WARNING);
        HealthSnapshot once = HealthReader.read(HealthFixtures.pool(consul.address(), TOKEN_ENV), HealthFixtures.hosts(),
                Map.of(TOKEN_ENV, TOKEN));
        assertThat(once.state()).isEqualTo(ConsulState.OK);

        List<ConsulDouble.Request> requests = consul.requests();
        assertThat(requests).extracting(ConsulDouble.Request::path).contains("/v1/catalog/services", "/v1/health/service/web",
                "/v1/health/service/db", "/v1/health/state/any", "/v1/catalog/nodes");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.token()).isEqualTo(TOKEN);
            assertThat(r.query() == null ? "" : r.query()).doesNotContain("token=").doesNotContain(TOKEN);
            assertThat(r.path()).doesNotContain(TOKEN);
        });
    }

    @Test
    void resultsFilteredByAclsArePartial() {
        start(Map.of());
        HealthSnapshot full = awaitOk();
        assertThat(full.partial()).isFalse();
        consul.filteredByAcls(true);
        consul.setCheck("node-1", "service:web-1", "warning", "slow");
        HealthSnapshot s = awaitHeard(x -> x.partial() && statusOf(x, "web-1") == HealthStatus.WARNING);
        assertThat(s.state()).isEqualTo(ConsulState.OK);
        assertThat(s.message()).contains("ACLs");
    }

    @Test
    void closeEndsEveryThreadEvenOneHeldInABlockingQuery() throws Exception {
        start(Map.of());
        awaitOk();
        await().atMost(LONG).until(() -> consul.held() >= 3);
        watch.close();
        watch.close();
        assertThat(watch.awaitStopped(LONG)).isTrue();
        int after = heard.size();
        consul.setCheck("node-1", "service:web-1", "critical", "down");
        assertThat(heard).hasSize(after);
    }

    @Test
    void servicesComingAndGoingAreFollowed() {
        start(Map.of());
        awaitOk();
        consul.service("api-1", "api", "node-1", List.of(), Map.of());
        awaitHeard(x -> statusOf(x, "api-1") == HealthStatus.PASSING);
        consul.deregister("web-2");
        HealthSnapshot s = awaitHeard(x -> statusOf(x, "web-2") == null && statusOf(x, "api-1") != null);
        assertThat(s.instances()).extracting(ServiceInstance::id).containsExactly("api-1", "db-1", "web-1");
    }

    @Test
    void queriesOfOneWatchAreSpacedEvenWhenTheIndexChurns() throws Exception {
        HealthWatch.Options spaced = new HealthWatch.Options(Map.of(), Duration.ofSeconds(60), Duration.ofMillis(200),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
        watch = HealthWatch.start(HealthFixtures.pool(consul.address(), null), spaced, heard::add);
        awaitHeard(x -> x.state() == ConsulState.OK);
        int seen = consul.requests("/v1/health/state/any").size();
        // A check flapping far faster than the spacing.
        Thread flapper = new Thread(() -> {
            for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                consul.setCheck("node-1", "service:web-1", i % 2 == 0 ? "critical" : "passing", "flap " + i);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        flapper.start();
        flapper.join();
        List<Long> starts = consul.requests("/v1/health/state/any").stream().skip(seen).map(r -> r.index()).toList();
        // 200 changes over at least a second: a watch following each one would ask ~200 times.
        assertThat(starts.size()).isLessThan(100);
    }
}
