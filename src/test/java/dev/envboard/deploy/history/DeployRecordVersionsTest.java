package dev.envboard.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.runtime.Notices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tags, digests, what ran before and the downtime: kept in deploys.jsonl, and old lines still read. */
class DeployRecordVersionsTest {
    private static final String D1 = "sha256:" + "ab12".repeat(16);
    private static final String D2 = "sha256:" + "cd34".repeat(16);
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path state;

    @Test
    void versionsAndDowntimeSurviveTheFileInStackOrder() {
        Map<String, ServiceVersion> versions = new LinkedHashMap<>();
        versions.put("web", new ServiceVersion("reg:5000/envboard/demo:2", D2, "always", "reg:5000/envboard/demo:1", D1));
        versions.put("api", new ServiceVersion("reg:5000/envboard/demo:2", D2, "always", "reg:5000/envboard/demo:2", D2));
        versions.put("db", new ServiceVersion("envboard/demo:1", null, "never", null, null));
        DeployRecord written = new DeployRecord("a1b2c3d4", "lab", "qa", "ann", START, START.plusSeconds(9), "stacks/qa/compose.yaml",
                "abc", Map.of("web", "reg:5000/envboard/demo:2"), List.of(new DeployRecord.StepTiming("PULL", 1200, true)),
                Map.of("web", 800L), DeployRecord.SUCCEEDED, null, List.of(), versions, 2345L);
        DeployHistory history = new DeployHistory(state, new Notices());

        assertThat(history.append(written)).isTrue();
        DeployRecord read = history.recent(1).get(0);

        assertThat(read).isEqualTo(written);
        assertThat(read.versions().keySet()).containsExactly("web", "api", "db");
        assertThat(read.downtimeMillis()).isEqualTo(2345L);
        assertThat(read.describeVersions()).containsExactly(
                "web: reg:5000/envboard/demo:1 sha256:ab12ab12ab12… → reg:5000/envboard/demo:2 sha256:cd34cd34cd34…",
                "api: unchanged (reg:5000/envboard/demo:2 sha256:cd34cd34cd34…)",
                "db: not running → envboard/demo:1 (pull policy never: the image each host has)");
    }

    @Test
    void aLineWrittenBeforeVersionsWereKeptStillReads() throws Exception {
        Files.writeString(state.resolve("deploys.jsonl"), """
                {"id":"old1","pool":"lab","environment":"qa","user":"ann","startedAt":"2026-11-30T09:00:00Z","finishedAt":"2026-11-30T09:00:05Z","stackFile":"stacks/qa/compose.yaml","stackSha256":"abc","images":{"web":"envboard/demo:1"},"steps":[{"step":"VALIDATE","millis":40,"ok":true}],"services":{"web":900},"result":"succeeded","error":null,"skippedChecks":[]}
                """);
        Notices notices = new Notices();

        List<DeployRecord> records = new DeployHistory(state, notices).recent(5);

        assertThat(notices.recent()).isEmpty(); // not skipped as corrupt
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.id()).isEqualTo("old1");
            assertThat(record.images()).containsEntry("web", "envboard/demo:1");
            assertThat(record.versions()).isEmpty();
            assertThat(record.downtimeMillis()).isNull();
            assertThat(record.describeVersions()).isEmpty();
        });
    }

    @Test
    void downtimeIsFromTheFirstStopToEveryReplicaReady() {
        Instant stopped = Instant.parse("2026-12-01T10:00:01.250Z");
        Instant ready = Instant.parse("2026-12-01T10:00:03.600Z");

        assertThat(Downtime.millis(stopped, ready)).isEqualTo(2350L);
        assertThat(Downtime.describe(Downtime.millis(stopped, ready))).isEqualTo("2.4 s");
        assertThat(Downtime.millis(null, ready)).isNull(); // nothing old was stopped
        assertThat(Downtime.millis(stopped, null)).isNull(); // never whole again
        assertThat(Downtime.describe(null)).isEqualTo("unknown");
        assertThatThrownBy(() -> Downtime.millis(ready, stopped)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRollbackNamesTheDeployItRolledBackToAndOlderLinesReadAsNone() throws Exception {
        Map<String, ServiceVersion> versions = Map.of("web", new ServiceVersion("reg:5000/envboard/demo:1", D1, "always",
                "reg:5000/envboard/demo:2", D2));
        DeployRecord rollback = new DeployRecord("e5f6a7b8", "lab", "qa", "ann", START, START.plusSeconds(9), "stacks/qa/compose.yaml",
                "abc", Map.of(), List.of(), Map.of(), DeployRecord.SUCCEEDED, null, List.of(), versions, 1200L, "a1b2c3d4");
        Files.writeString(state.resolve("deploys.jsonl"), """
                {"id":"old1","pool":"lab","environment":"qa","user":"ann","startedAt":"2026-11-30T09:00:00Z","finishedAt":"2026-11-30T09:00:05Z","result":"succeeded","versions":{},"downtimeMillis":300}
                """);
        DeployHistory history = new DeployHistory(state, new Notices());

        assertThat(history.append(rollback)).isTrue();
        List<DeployRecord> read = history.recent(2);

        assertThat(Files.readString(history.file())).contains("\"rollbackFrom\":\"a1b2c3d4\"");
        assertThat(read.get(0)).isEqualTo(rollback);
        assertThat(read.get(0).rollbackFrom()).isEqualTo("a1b2c3d4");
        assertThat(read.get(1).id()).isEqualTo("old1");
        assertThat(read.get(1).rollbackFrom()).isNull();
    }
}
