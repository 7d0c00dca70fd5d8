package dev.envboard.ui.deploys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envboard.deploy.DeployStart;
import dev.envboard.deploy.Redeployer;
import dev.envboard.deploy.ValidationReport;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.DeployRecords;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.deploy.watch.DeployEvent;
import dev.envboard.deploy.watch.DeployFeed;
import dev.envboard.deploy.watch.DeployFields;
import dev.envboard.deploy.watch.DeployListing;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.records.PoolRecord;
import dev.envboard.ui.common.InPlaceBackground;
import dev.envboard.ui.shell.PoolItem;
import dev.envboard.ui.shell.TestPools;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * The Deploys list on fake pool feeds and an in-memory history, with direct executors: others'
 * runs from the pool beside this machine's, in progress then ended, filtered by environment; the
 * column badge of a run elsewhere; events handed on.
 */
class DeployListModelTest {
    private static final Executor DIRECT = Runnable::run;
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final PoolSpec lab = TestPools.lab();
    private final PoolSpec hosts = new PoolSpec("hosts", PoolKind.STANDALONE, "environment", LabelScope.ENGINE, null, List.of(),
            null, "test", null);
    private final FakeFeeds feeds = new FakeFeeds();
    private final SimpleObjectProperty<PoolItem> selected = new SimpleObjectProperty<>(new PoolItem(lab));
    private final ObservableList<DeployRecord> local = FXCollections.observableArrayList();

    /** Hands each pool's listener to the test, which plays the feed. */
    private static final class FakeFeeds implements DeployListModel.Feeds {
        final Map<String, DeployFeed.Listener> listeners = new HashMap<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public AutoCloseable watch(PoolSpec pool, DeployFeed.Listener listener) {
            listeners.put(pool.name(), listener);
            return () -> closed.add(pool.name());
        }

        void publish(String pool, List<DeployEvent> events, DeployEntry... entries) {
            listeners.get(pool).update(new DeployListing(pool, List.of(entries), Map.of(), List.of()), events);
        }
    }

    private static DeployEntry running(String pool, String id, String env, String who, Instant at) {
        Map<String, ServiceVersion> images = new LinkedHashMap<>();
        images.put("web", new ServiceVersion("reg/demo:2", "sha256:" + "2".repeat(64), "always", null, null));
        PoolSpec spec = TestPools.lab();
        Map<String, String> fields = DeployFields.started(new DeployStart(id, spec, env, who, at, "abc", images, List.of()));
        return DeployFields.entry(new PoolRecord("deploy", env, id, 1, fields, List.of("swarm")), pool, at.plusSeconds(1), Duration.ofHours(2));
    }

    private static DeployRecord record(String id, String env, String who, Instant at, String result) {
        Map<String, ServiceVersion> versions = new LinkedHashMap<>();
        versions.put("web", new ServiceVersion("reg/demo:2", "sha256:" + "2".repeat(64), "always", "reg/demo:1", "sha256:" + "1".repeat(64)));
        return new DeployRecord(id, "lab", env, who, at, at.plusSeconds(20), null, "abc", Map.of("web", "reg/demo:2"), List.of(),
                Map.of(), result, null, List.of(), versions, 1500L, null);
    }

    private static DeployEntry ended(String id, String env, String who, Instant at, String result) {
        PoolRecord r = new PoolRecord("deploy", env, id, 2, DeployFields.ended(record(id, env, who, at, result)), List.of("swarm"));
        return DeployFields.entry(r, "lab", at.plusSeconds(60), Duration.ofHours(2));
    }

    private DeployListModel model() {
        return new DeployListModel(List.of(lab, hosts), selected, local, feeds, DIRECT, DIRECT);
    }

    @Test
    void othersRunsShowBesideThisMachinesInProgressThenEndedAndNewestFirst() {
        local.add(record("mine", "qa", "ann@laptop", T0, DeployRecord.SUCCEEDED));
        DeployListModel model = model();
        assertThat(feeds.listeners).as("every pool is followed").containsOnlyKeys("lab", "hosts");
        assertThat(model.entries()).extracting(DeployEntry::id).containsExactly("mine");

        feeds.publish("lab", List.of(), running("lab", "ci1", "qa", "ci@runner-3", T0.plusSeconds(100)),
                ended("mine", "qa", "ann@laptop", T0, DeployRecord.SUCCEEDED));
        assertThat(model.entries()).extracting(DeployEntry::id, DeployEntry::status, DeployEntry::origin, DeployEntry::who).containsExactly(
                tuple("ci1", DeployEntry.Status.RUNNING, DeployEntry.Origin.POOL, "ci@runner-3"),
                tuple("mine", DeployEntry.Status.SUCCEEDED, DeployEntry.Origin.BOTH, "ann@laptop"));

        feeds.publish("lab", List.of(), ended("ci1", "qa", "ci@runner-3", T0.plusSeconds(100), DeployRecord.FAILED),
                ended("mine", "qa", "ann@laptop", T0, DeployRecord.SUCCEEDED));
        assertThat(model.entries().get(0).status()).isEqualTo(DeployEntry.Status.FAILED);
        assertThat(model.entries().get(0).changesSummary()).isEqualTo("web: sha256:111111111111… → sha256:222222222222…");
        assertThat(model.entries().get(0).durationMillis()).isEqualTo(20_000);
    }

    @Test
    void theEnvironmentFilterAndThePoolOnScreenDecideWhatIsListed() {
        DeployListModel model = model();
        feeds.publish("lab", List.of(), running("lab", "a", "qa", "bob", T0.plusSeconds(2)), running("lab", "b", "staging", "bob", T0));
        feeds.publish("hosts", List.of(), running("hosts", "c", "demo", "eve", T0));
        assertThat(model.environments()).containsExactly("qa", "staging");

        model.environmentFilterProperty().set("staging");
        assertThat(model.entries()).extracting(DeployEntry::id).containsExactly("b");
        model.environmentFilterProperty().set(null);
        assertThat(model.entries()).extracting(DeployEntry::id).containsExactly("a", "b");

        selected.set(new PoolItem(hosts));
        assertThat(model.entries()).extracting(DeployEntry::id).containsExactly("c");
        selected.set(null);
        assertThat(model.entries()).isEmpty();
    }

    @Test
    void whatCouldNotBeReadIsSaidAndEveryPoolsEventsAreHandedOnAndClosingStopsTheFeeds() {
        DeployListModel model = model();
        List<DeployEvent> heard = new ArrayList<>();
        model.addEventListener(heard::add);
        DeployEntry elsewhere = running("hosts", "c", "demo", "eve", T0);
        feeds.listeners.get("hosts").update(new DeployListing("hosts", List.of(elsewhere), Map.of(), List.of()),
                List.of(new DeployEvent(DeployEvent.Kind.STARTED, elsewhere, T0)));
        assertThat(heard).extracting(DeployEvent::deployId).containsExactly("c");

        feeds.listeners.get("lab").update(new DeployListing("lab", List.of(), Map.of("swarm", "connection refused"),
                List.of("deploy record x of qa has no started")), List.of());
        assertThat(model.problemProperty().get()).isEqualTo("the deploy records on swarm could not be read: connection refused; "
                + "1 deploy records skipped: deploy record x of qa has no started");

        model.close();
        assertThat(feeds.closed).containsExactlyInAnyOrder("lab", "hosts");
    }

    @Test
    void aColumnShowsARunOfAnotherEnvboardAsDeployingAndThenItsOutcome() {
        DeployRecords noHistory = new DeployRecords() {
            @Override
            public void addListener(java.util.function.Consumer<DeployRecord> listener) {
            }

            @Override
            public List<DeployRecord> recent(int max) {
                return List.of();
            }
        };
        DeploysViewModel deploys = new DeploysViewModel(new NoRedeploys(), noHistory, InPlaceBackground.queued(),
                Clock.fixed(T0, ZoneOffset.UTC), DIRECT, DIRECT, (pool, env, report, typed, confirm) -> { }, List.of(lab), selected, feeds);
        int[] changes = {0};
        deploys.addListener(() -> changes[0]++);

        feeds.publish("lab", List.of(), running("lab", "ci1", "qa", "ci@runner-3", T0));
        assertThat(changes[0]).as("the board is told").isPositive();
        DeployBadge badge = deploys.badge(lab, "qa");
        assertThat(badge.state()).isEqualTo(DeployBadge.State.RUNNING);
        assertThat(badge.detail()).isEqualTo("deploying… by ci@runner-3 (deploy ci1)");

        feeds.publish("lab", List.of(), ended("ci1", "qa", "ci@runner-3", T0, DeployRecord.SUCCEEDED));
        assertThat(deploys.badge(lab, "qa").state()).isEqualTo(DeployBadge.State.SUCCEEDED);
        assertThat(deploys.badge(lab, "qa").at()).isEqualTo(T0.plusSeconds(20));
        assertThat(deploys.badge(lab, "staging")).isEqualTo(DeployBadge.NONE);
    }

    /** The badge test starts no redeploy. */
    private static final class NoRedeploys implements Redeployer {
        @Override
        public ValidationReport check(PoolSpec pool, String environment) {
            throw new AssertionError("not asked");
        }

        @Override
        public DeployRecord redeploy(PoolSpec pool, String environment, List<dev.envboard.deploy.history.SkippedCheck> accepted,
                                     String confirmation, dev.envboard.deploy.DeployListener listener,
                                     dev.envboard.deploy.CancelToken cancel) {
            throw new AssertionError("not asked");
        }

        @Override
        public ValidationReport checkFrom(PoolSpec pool, String environment, String deployId) {
            throw new AssertionError("not asked");
        }

        @Override
        public DeployRecord redeployFrom(PoolSpec pool, String environment, String deployId,
                                         List<dev.envboard.deploy.history.SkippedCheck> accepted, String confirmation,
                                         dev.envboard.deploy.DeployListener listener, dev.envboard.deploy.CancelToken cancel) {
            throw new AssertionError("not asked");
        }
    }
}
