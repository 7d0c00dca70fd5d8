package dev.envboard.pool.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.docker.DockerClients;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Records written by one client are what the engines hold, and what a second client reads. */
@ExtendWith(SandboxExtension.class)
class PoolRecordsSandboxTest {
    private static final String KIND = "test-record";
    private DockerClients clients;
    private PoolsConfig config;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        clients = new DockerClients();
        config = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile());
        removeTestRecords();
    }

    @AfterEach
    void tearDown() {
        removeTestRecords();
        clients.close();
    }

    private void removeTestRecords() {
        for (String pool : List.of("sandbox-hosts", "sandbox-swarm")) {
            PoolSpec spec = config.pool(pool).orElseThrow();
            new PoolRecords(clients).list(spec, KIND).records()
                    .forEach(r -> assertThat(new PoolRecords(clients).remove(spec, KIND, r.subject(), r.id())).isEmpty());
        }
    }

    @Test
    void standaloneRecordsAreVolumesOnEveryNamedHostAndANewRevisionReplacesTheOld(Sandbox sandbox) throws Exception {
        PoolSpec pool = config.pool("sandbox-hosts").orElseThrow();
        List<EngineSpec> both = pool.engines();
        PoolRecords writer = new PoolRecords(clients);

        writer.put(pool, both, KIND, "demo-acme", "demo-acme", Map.of("owner", "alice", "expires", "2026-12-03T10:00:00Z"));
        PoolRecord second = writer.put(pool, both, KIND, "demo-acme", "demo-acme", Map.of("owner", "alice", "expires", "2026-12-04T10:00:00Z"));
        assertThat(second.revision()).isEqualTo(2);

        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            String volumes = sandbox.docker(engine, "volume", "ls", "-q", "--filter", "label=dev.envboard.record=" + KIND);
            assertThat(lines(volumes)).as(engine.name()).containsExactly(RecordLabels.objectName(KIND, "demo-acme", "demo-acme", 2));
            assertThat(sandbox.docker(engine, "volume", "inspect", "--format", "{{index .Labels \"dev.envboard.test-record.expires\"}}",
                    RecordLabels.objectName(KIND, "demo-acme", "demo-acme", 2))).isEqualTo("2026-12-04T10:00:00Z");
        }

        try (DockerClients otherClients = new DockerClients()) {
            RecordListing read = new PoolRecords(otherClients).list(pool, KIND);
            assertThat(read.unreachable()).isEmpty();
            PoolRecord record = read.find("demo-acme", "demo-acme").orElseThrow();
            assertThat(record.fields()).containsEntry("expires", "2026-12-04T10:00:00Z").containsEntry("owner", "alice");
            assertThat(record.locations()).containsExactlyInAnyOrderElementsOf(both.stream().map(EngineSpec::displayName).toList());
        }

        assertThat(writer.remove(pool, KIND, "demo-acme", "demo-acme")).isEmpty();
        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            assertThat(sandbox.docker(engine, "volume", "ls", "-q", "--filter", "label=dev.envboard.record=" + KIND)).isEmpty();
        }
    }

    @Test
    void aRecordOnAStoppedEngineIsNamedAsPossiblyLeftAndTheOtherCopyStillReads(Sandbox sandbox) throws Exception {
        PoolSpec pool = config.pool("sandbox-hosts").orElseThrow();
        PoolRecords records = new PoolRecords(clients);
        records.put(pool, pool.engines(), KIND, "qa", "run-1", Map.of("result", "succeeded"));
        Sandbox.Engine stopped = sandbox.standaloneHosts().get(1);
        sandbox.stopEngine(stopped.name());
        try {
            RecordListing read = records.list(pool, KIND);
            assertThat(read.find("qa", "run-1")).map(PoolRecord::fields).contains(Map.of("result", "succeeded"));
            assertThat(read.unreachable()).containsOnlyKeys(pool.engines().get(1).displayName());
            assertThat(records.remove(pool, KIND, "qa", "run-1")).singleElement().asString()
                    .startsWith("could not check " + pool.engines().get(1).displayName());
        } finally {
            sandbox.startEngine(stopped.name());
        }
        assertThat(records.list(pool, KIND).find("qa", "run-1")).as("the copy on the engine that was down").isPresent();
    }

    @Test
    void swarmRecordsAreConfigObjectsAnyManagerClientReads(Sandbox sandbox) throws Exception {
        PoolSpec pool = config.pool("sandbox-swarm").orElseThrow();
        PoolRecords records = new PoolRecords(clients);
        records.put(pool, List.of(), KIND, "qa", "d1", Map.of("user", "ci", "result", "running"));
        records.put(pool, List.of(), KIND, "qa", "d1", Map.of("user", "ci", "result", "succeeded"));
        records.put(pool, List.of(), KIND, "qa", "d2", Map.of("user", "bob", "result", "running"));

        String configs = sandbox.docker(sandbox.manager(), "config", "ls", "--format", "{{.Name}}", "--filter", "label=dev.envboard.record=" + KIND);
        assertThat(lines(configs)).containsExactlyInAnyOrder(
                RecordLabels.objectName(KIND, "qa", "d1", 2), RecordLabels.objectName(KIND, "qa", "d2", 1));

        RecordListing read = new PoolRecords(clients).list(pool, KIND);
        assertThat(read.records()).extracting(PoolRecord::id, r -> r.field("result"), PoolRecord::locations)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d1", "succeeded", List.of("swarm")),
                        org.assertj.core.groups.Tuple.tuple("d2", "running", List.of("swarm")));

        assertThat(records.remove(pool, KIND, "qa", "d1")).isEmpty();
        assertThat(lines(sandbox.docker(sandbox.manager(), "config", "ls", "--format", "{{.Name}}",
                "--filter", "label=dev.envboard.record=" + KIND))).containsExactly(RecordLabels.objectName(KIND, "qa", "d2", 1));
    }

    private static List<String> lines(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\n"));
    }
}
