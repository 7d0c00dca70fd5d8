package dev.envboard.deploy.watch;

import static dev.envboard.deploy.watch.DeploySamples.D1;
import static dev.envboard.deploy.watch.DeploySamples.D2;
import static dev.envboard.deploy.watch.DeploySamples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.records.PoolRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deploy written as a pool record's fields reads back as the same deploy. */
class DeployFieldsTest {
    private static final Duration STALE = Duration.ofHours(2);

    @Test
    void theStartRecordSaysWhoWhenWhichStackAndImagesAndReadsBackRunning() {
        Map<String, String> fields = DeployFields.started(DeploySamples.start("d1", "qa", "ann@laptop", T0));
        assertThat(fields).containsEntry("user", "ann@laptop").containsEntry("started", "2026-03-02T09:00:00Z")
                .containsEntry("state", "running").containsEntry("stack-sha256", "abc123")
                .containsEntry("images", "{\"web\":{\"image\":\"reg/demo:2\",\"digest\":\"" + D2 + "\"},"
                        + "\"db\":{\"image\":\"reg/demo:1\",\"digest\":\"" + D1 + "\"}}")
                .doesNotContainKeys("result", "finished");

        DeployEntry entry = DeployFields.entry(DeploySamples.running("d1", "qa", "ann@laptop", T0), "lab", T0.plusSeconds(5), STALE);
        assertThat(entry.status()).isEqualTo(DeployEntry.Status.RUNNING);
        assertThat(entry.origin()).isEqualTo(DeployEntry.Origin.POOL);
        assertThat(entry.who()).isEqualTo("ann@laptop");
        assertThat(entry.durationMillis()).isNull();
        assertThat(entry.record().versions()).containsOnlyKeys("web", "db");
        assertThat(entry.changes()).containsExactly("web: ? → sha256:222222222222…", "db: ? → sha256:111111111111…");
    }

    @Test
    void theEndRecordCarriesResultDurationDowntimeWhatChangedAndAShortError() {
        DeployRecord failed = DeploySamples.ended("d2", "qa", "bob@ci-7", T0, DeployRecord.FAILED);
        Map<String, String> fields = DeployFields.ended(failed);
        assertThat(fields).containsEntry("state", "ended").containsEntry("result", "failed").containsEntry("duration-ms", "12000")
                .containsEntry("finished", "2026-03-02T09:00:12Z").containsEntry("error", "the deploy failed / second line")
                .doesNotContainKey("downtime-ms");

        DeployEntry entry = DeployFields.entry(DeploySamples.finished("d3", "qa", "bob@ci-7", T0, DeployRecord.SUCCEEDED), "lab",
                T0.plusSeconds(60), STALE);
        assertThat(entry.status()).isEqualTo(DeployEntry.Status.SUCCEEDED);
        assertThat(entry.durationMillis()).isEqualTo(12_000);
        assertThat(entry.record().downtimeMillis()).isEqualTo(2500);
        assertThat(entry.record().stackSha256()).isEqualTo("abc123");
        assertThat(entry.record().versions()).isEqualTo(DeploySamples.webOneToTwo());
        assertThat(entry.changes()).containsExactly("web: sha256:111111111111… → sha256:222222222222…");
        assertThat(entry.changesSummary()).isEqualTo("web: sha256:111111111111… → sha256:222222222222…; 1 unchanged");
    }

    @Test
    void aLongErrorIsCutAndARunThatNeverEndedTurnsUnfinished() {
        assertThat(DeployFields.shortError("x".repeat(1000))).hasSize(DeployFields.ERROR_CHARS).endsWith("…");
        PoolRecord old = DeploySamples.running("d4", "qa", "ann@laptop", T0);
        assertThat(DeployFields.entry(old, "lab", T0.plus(STALE).plusSeconds(1), STALE).status()).isEqualTo(DeployEntry.Status.UNFINISHED);
        assertThat(DeployFields.entry(old, "lab", T0.plus(STALE), STALE).status()).isEqualTo(DeployEntry.Status.RUNNING);
    }

    @Test
    void aBrokenRecordIsNamedWithItsIdAndField() {
        Map<String, String> fields = new HashMap<>(DeployFields.started(DeploySamples.start("d5", "qa", "ann@laptop", T0)));
        fields.put("images", "{not json");
        PoolRecord broken = new PoolRecord("deploy", "qa", "d5", 1, fields, List.of("swarm"));
        assertThatThrownBy(() -> DeployFields.entry(broken, "lab", T0, STALE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("deploy record d5 of qa: field images is not valid JSON");
        fields.remove("started");
        assertThatThrownBy(() -> DeployFields.entry(new PoolRecord("deploy", "qa", "d5", 1, fields, List.of()), "lab", T0, STALE))
                .hasMessage("deploy record d5 of qa has no started");
    }
}
