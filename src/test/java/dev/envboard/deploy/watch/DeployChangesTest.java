package dev.envboard.deploy.watch;

import static dev.envboard.deploy.watch.DeploySamples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.records.PoolRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Successive listings of a pool's deploys become started/ended events, each once. */
class DeployChangesTest {
    private final DeployChanges changes = new DeployChanges();

    private List<DeployEvent> list(PoolRecord... records) {
        return changes.next(Arrays.stream(records)
                .map(r -> DeployFields.entry(r, "lab", T0.plusSeconds(600), Duration.ofHours(2))).toList());
    }

    @Test
    void theFirstListingIsHistoryThenARunStartsAndEndsOnce() {
        PoolRecord old = DeploySamples.finished("old", "qa", "ann", T0, DeployRecord.SUCCEEDED);
        assertThat(list(old)).isEmpty();
        PoolRecord running = DeploySamples.running("d1", "qa", "bob@ci", T0.plusSeconds(60));
        assertThat(list(old, running)).extracting(DeployEvent::kind, DeployEvent::deployId, DeployEvent::at)
                .containsExactly(tuple(DeployEvent.Kind.STARTED, "d1", T0.plusSeconds(60)));
        assertThat(list(old, running)).as("nothing new").isEmpty();
        PoolRecord done = DeploySamples.finished("d1", "qa", "bob@ci", T0.plusSeconds(60), DeployRecord.SUCCEEDED);
        assertThat(list(old, done)).extracting(DeployEvent::kind, DeployEvent::at)
                .containsExactly(tuple(DeployEvent.Kind.SUCCEEDED, T0.plusSeconds(72)));
        assertThat(list(old, done)).isEmpty();
    }

    @Test
    void aRunWhoseStartWasMissedStillStartsThenEndsAndARefusedOneOnlyEnds() {
        list();
        PoolRecord failed = DeploySamples.finished("d2", "qa", "bob@ci", T0, DeployRecord.FAILED);
        PoolRecord refused = DeploySamples.finished("d3", "qa", "bob@ci", T0.plusSeconds(30), DeployRecord.REFUSED);
        assertThat(list(failed, refused)).extracting(DeployEvent::kind, DeployEvent::deployId).containsExactly(
                tuple(DeployEvent.Kind.STARTED, "d2"), tuple(DeployEvent.Kind.FAILED, "d2"), tuple(DeployEvent.Kind.REFUSED, "d3"));
    }

    @Test
    void aRecordThatDropsOutOfAListingAndComesBackSaysNothingAgain() {
        list();
        PoolRecord running = DeploySamples.running("d4", "qa", "bob@ci", T0);
        assertThat(list(running)).hasSize(1);
        assertThat(list()).as("its engine did not answer").isEmpty();
        assertThat(list(running)).isEmpty();
        assertThat(list(DeploySamples.finished("d4", "qa", "bob@ci", T0, DeployRecord.CANCELLED)))
                .extracting(DeployEvent::kind).containsExactly(DeployEvent.Kind.CANCELLED);
    }

    @Test
    void aRunThatNeverEndedSaysNothingUntilItsEndIsWritten() {
        list();
        PoolRecord stale = DeploySamples.running("d5", "qa", "bob@ci", T0.minus(Duration.ofHours(3)));
        assertThat(list(stale)).isEmpty();
        assertThat(list(DeploySamples.finished("d5", "qa", "bob@ci", T0.minus(Duration.ofHours(3)), DeployRecord.SUCCEEDED)))
                .extracting(DeployEvent::kind).containsExactly(DeployEvent.Kind.SUCCEEDED);
    }
}
