package dev.envboard.deploy.watch;

import static dev.envboard.deploy.watch.DeploySamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.records.PoolRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pool keeps the newest deploys of each environment, by start; the rest go. */
class DeployBoundTest {
    @Test
    void theOldestBeyondTheBoundOfThatEnvironmentGoAndOtherEnvironmentsAreLeftAlone() {
        List<PoolRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Written out of order: the start decides, not the listing's order.
            int minute = (i * 7) % 25;
            records.add(DeploySamples.finished("qa-" + minute, "qa", "ann", T0.plusSeconds(60L * minute), DeployRecord.SUCCEEDED));
        }
        records.add(DeploySamples.running("st-0", "staging", "bob", T0.minusSeconds(3600)));

        assertThat(PoolDeployRecorder.beyondBound(records, "qa", 20))
                .containsExactlyInAnyOrder("qa-0", "qa-1", "qa-2", "qa-3", "qa-4");
        assertThat(PoolDeployRecorder.beyondBound(records, "staging", 20)).isEmpty();
        assertThat(PoolDeployRecorder.beyondBound(records, "qa", 25)).isEmpty();
    }

    @Test
    void aRecordWithoutAReadableStartGoesFirst() {
        Map<String, String> broken = new HashMap<>(DeploySamples.finished("x", "qa", "ann", T0, DeployRecord.SUCCEEDED).fields());
        broken.put(DeployFields.STARTED, "yesterday");
        List<PoolRecord> records = List.of(new PoolRecord("deploy", "qa", "x", 2, broken, List.of("swarm")),
                DeploySamples.finished("a", "qa", "ann", T0.minusSeconds(60), DeployRecord.SUCCEEDED),
                DeploySamples.finished("b", "qa", "ann", T0, DeployRecord.SUCCEEDED));
        assertThat(PoolDeployRecorder.beyondBound(records, "qa", 2)).containsExactly("x");
    }
}
