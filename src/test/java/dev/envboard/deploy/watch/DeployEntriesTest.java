package dev.envboard.deploy.watch;

import static dev.envboard.deploy.watch.DeploySamples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envboard.deploy.history.DeployRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's deploys merged with this machine's history: one row per deploy id, newest first. */
class DeployEntriesTest {
    private static final Instant NOW = T0.plusSeconds(3600);

    private static DeployEntry fromPool(dev.envboard.pool.records.PoolRecord record) {
        return DeployFields.entry(record, "lab", NOW, Duration.ofHours(2));
    }

    @Test
    void othersRunsComeFromThePoolOwnRunsFromTheLocalHistoryAndEachShowsOnce() {
        List<DeployEntry> pool = List.of(
                fromPool(DeploySamples.finished("ci1", "qa", "ci@runner-3", T0.plusSeconds(10), DeployRecord.SUCCEEDED)),
                fromPool(DeploySamples.finished("mine", "qa", "ann@laptop", T0.plusSeconds(20), DeployRecord.FAILED)),
                fromPool(DeploySamples.running("bob1", "staging", "bob@desk", T0.plusSeconds(30))));
        DeployRecord mine = DeploySamples.ended("mine", "qa", "ann@laptop", T0.plusSeconds(20), DeployRecord.FAILED);
        DeployRecord older = DeploySamples.ended("old", "qa", "ann", T0, DeployRecord.SUCCEEDED);
        DeployRecord otherPool = new DeployRecord("x9", "prod", "qa", "ann", T0.plusSeconds(40), T0.plusSeconds(41), null, null,
                null, null, null, DeployRecord.SUCCEEDED, null, null);

        List<DeployEntry> merged = DeployEntries.merge("lab", pool, List.of(mine, older, otherPool));

        assertThat(merged).extracting(DeployEntry::id, DeployEntry::status, DeployEntry::origin).containsExactly(
                tuple("bob1", DeployEntry.Status.RUNNING, DeployEntry.Origin.POOL),
                tuple("mine", DeployEntry.Status.FAILED, DeployEntry.Origin.BOTH),
                tuple("ci1", DeployEntry.Status.SUCCEEDED, DeployEntry.Origin.POOL),
                tuple("old", DeployEntry.Status.SUCCEEDED, DeployEntry.Origin.HERE));
        assertThat(merged.get(1).record()).as("the local record, with its steps and stack file").isSameAs(mine);
        assertThat(merged.get(2).who()).isEqualTo("ci@runner-3");
        assertThat(merged).allMatch(e -> e.pool().equals("lab"));
    }

    @Test
    void aRunOfThisMachineInProgressShowsFromThePoolUntilItsRecordIsWritten() {
        List<DeployEntry> pool = List.of(fromPool(DeploySamples.running("mine", "qa", "ann@laptop", T0)));
        assertThat(DeployEntries.merge("lab", pool, List.of())).singleElement()
                .extracting(DeployEntry::status).isEqualTo(DeployEntry.Status.RUNNING);
        DeployRecord done = DeploySamples.ended("mine", "qa", "ann@laptop", T0, DeployRecord.SUCCEEDED);
        assertThat(DeployEntries.merge("lab", pool, List.of(done))).singleElement()
                .extracting(DeployEntry::status, DeployEntry::origin).containsExactly(DeployEntry.Status.SUCCEEDED, DeployEntry.Origin.BOTH);
    }
}
