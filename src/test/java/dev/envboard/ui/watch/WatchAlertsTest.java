package dev.envboard.ui.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.deploy.watch.DeployEvent;
import dev.envboard.health.ConsulState;
import dev.envboard.health.HealthSnapshot;
import dev.envboard.health.HealthStatus;
import dev.envboard.health.ServiceInstance;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which event or health change of a watched environment yields which notification, and never twice for one run. */
class WatchAlertsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final Set<String> watched = new HashSet<>(Set.of("lab/qa"));
    private final WatchAlerts alerts = new WatchAlerts(() -> Set.copyOf(watched));

    private static DeployEntry entry(String id, String env, DeployEntry.Status status, Long downtime, String error) {
        boolean ended = status.ended();
        Map<String, ServiceVersion> versions = new LinkedHashMap<>();
        versions.put("web", new ServiceVersion("reg/demo:2", "sha256:" + "2".repeat(64), "always",
                ended ? "reg/demo:1" : null, ended ? "sha256:" + "1".repeat(64) : null));
        DeployRecord record = new DeployRecord(id, "lab", env, "bob@ci-7", T0, ended ? T0.plusMillis(12_300) : null, null, "abc",
                Map.of("web", "reg/demo:2"), List.of(), Map.of(), ended ? status.name().toLowerCase() : null, error, List.of(),
                versions, downtime, null);
        return new DeployEntry(record, "lab", status, DeployEntry.Origin.POOL);
    }

    private static DeployEvent event(DeployEvent.Kind kind, DeployEntry entry) {
        return new DeployEvent(kind, entry, T0);
    }

    @Test
    void aDeployOfAWatchedEnvironmentNotifiesItsStartAndItsEndEachOnce() {
        DeployEntry running = entry("d1", "qa", DeployEntry.Status.RUNNING, null, null);
        Optional<WatchAlert> started = alerts.deploy(event(DeployEvent.Kind.STARTED, running));
        assertThat(started).get().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(WatchAlert.Kind.DEPLOY_STARTED);
            assertThat(a.title()).isEqualTo("qa: deploy started");
            assertThat(a.text()).isEqualTo("by bob@ci-7 (deploy d1)\nweb: ? → sha256:222222222222…");
            assertThat(a.pool()).isEqualTo("lab");
            assertThat(a.kind().opensHealth()).isFalse();
        });
        assertThat(alerts.deploy(event(DeployEvent.Kind.STARTED, running))).as("the same run again").isEmpty();

        DeployEntry done = entry("d1", "qa", DeployEntry.Status.SUCCEEDED, 2500L, null);
        assertThat(alerts.deploy(event(DeployEvent.Kind.SUCCEEDED, done))).get().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(WatchAlert.Kind.DEPLOY_SUCCEEDED);
            assertThat(a.title()).isEqualTo("qa: deployed");
            assertThat(a.text()).isEqualTo("by bob@ci-7 in 12.3 s, downtime 2.5 s (deploy d1)\n"
                    + "web: sha256:111111111111… → sha256:222222222222…");
            assertThat(a.kind().isBad()).isFalse();
        });
        assertThat(alerts.deploy(event(DeployEvent.Kind.SUCCEEDED, done))).isEmpty();
    }

    @Test
    void failedAndCancelledRunsSayWhyARefusedOneAndUnwatchedEnvironmentsSayNothing() {
        assertThat(alerts.deploy(event(DeployEvent.Kind.FAILED, entry("d2", "qa", DeployEntry.Status.FAILED, null,
                "not ready after 180 s: web 0/2\nthe old deployment is removed")))).get().satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(WatchAlert.Kind.DEPLOY_FAILED);
                    assertThat(a.title()).isEqualTo("qa: deploy failed");
                    assertThat(a.text()).isEqualTo("by bob@ci-7 in 12.3 s (deploy d2)\nnot ready after 180 s: web 0/2");
                    assertThat(a.kind().isBad()).isTrue();
                });
        assertThat(alerts.deploy(event(DeployEvent.Kind.CANCELLED, entry("d3", "qa", DeployEntry.Status.CANCELLED, null, "cancelled"))))
                .get().extracting(WatchAlert::kind, WatchAlert::title).containsExactly(WatchAlert.Kind.DEPLOY_CANCELLED, "qa: deploy cancelled");
        assertThat(alerts.deploy(event(DeployEvent.Kind.REFUSED, entry("d4", "qa", DeployEntry.Status.REFUSED, null, "invalid"))))
                .as("nothing changed").isEmpty();
        assertThat(alerts.deploy(event(DeployEvent.Kind.STARTED, entry("d5", "staging", DeployEntry.Status.RUNNING, null, null))))
                .as("not watched").isEmpty();
        watched.add("lab/staging");
        assertThat(alerts.deploy(event(DeployEvent.Kind.STARTED, entry("d5", "staging", DeployEntry.Status.RUNNING, null, null))))
                .isPresent();
    }

    private static ServiceInstance instance(String service, String env, HealthStatus status) {
        return new ServiceInstance(service, service + "-1", "node-1", "10.0.0.9", List.of(), Map.of(), "host-1", env, status, null, List.of());
    }

    private static HealthSnapshot health(ConsulState state, ServiceInstance... instances) {
        return new HealthSnapshot("lab", state, "", false, T0, List.of(instances), List.of());
    }

    @Test
    void healthTurningCriticalAndRecoveringNotifiesOnceEachAndUnknownSaysNothing() {
        ServiceInstance webOk = instance("web", "qa", HealthStatus.PASSING);
        ServiceInstance workerBad = instance("worker", "qa", HealthStatus.CRITICAL);
        ServiceInstance workerOk = instance("worker", "qa", HealthStatus.PASSING);
        ServiceInstance otherBad = instance("api", "staging", HealthStatus.CRITICAL);

        assertThat(alerts.health("lab", health(ConsulState.OK, webOk, workerOk, otherBad))).as("healthy at first sight").isEmpty();
        List<WatchAlert> critical = alerts.health("lab", health(ConsulState.OK, webOk, workerBad, otherBad));
        assertThat(critical).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(WatchAlert.Kind.HEALTH_CRITICAL);
            assertThat(a.title()).isEqualTo("qa: health critical");
            assertThat(a.text()).isEqualTo("1 service instance critical: worker on host-1");
            assertThat(a.kind().opensHealth()).isTrue();
        });
        assertThat(alerts.health("lab", health(ConsulState.OK, webOk, workerBad))).as("still critical").isEmpty();
        assertThat(alerts.health("lab", health(ConsulState.UNREACHABLE, webOk, workerOk))).as("unknown is no recovery").isEmpty();
        assertThat(alerts.health("lab", health(ConsulState.OK, webOk, workerOk))).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(WatchAlert.Kind.HEALTH_RECOVERED);
            assertThat(a.text()).isEqualTo("no service instance is critical any more (2 passing, 0 warning)");
        });
        assertThat(alerts.health("other-pool", health(ConsulState.OK, workerBad))).as("another pool's qa is not watched").isEmpty();
    }

    @Test
    void anEnvironmentCriticalWhenFirstSeenOrWatchedAgainIsNotified() {
        ServiceInstance workerBad = instance("worker", "qa", HealthStatus.CRITICAL);
        assertThat(alerts.health("lab", health(ConsulState.OK, workerBad))).hasSize(1);
        watched.remove("lab/qa");
        assertThat(alerts.health("lab", health(ConsulState.OK, workerBad))).isEmpty();
        watched.add("lab/qa");
        assertThat(alerts.health("lab", health(ConsulState.OK, workerBad))).extracting(WatchAlert::kind)
                .containsExactly(WatchAlert.Kind.HEALTH_CRITICAL);
    }
}
