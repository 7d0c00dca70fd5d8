package dev.envboard.deploy.watch;

import dev.envboard.deploy.DeployStart;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import dev.envboard.pool.records.PoolRecord;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deploys as the recorder writes them and the reader reads them, for the unit tests of this package. */
final class DeploySamples {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String D1 = "sha256:" + "1".repeat(64);
    static final String D2 = "sha256:" + "2".repeat(64);

    private DeploySamples() {
    }

    /** A Swarm pool named lab (nothing is contacted). */
    static PoolSpec lab() {
        return new PoolSpec("lab", PoolKind.SWARM, "environment", LabelScope.NODE,
                EndpointSpec.parse("tcp://manager.lab:2376", null, true), List.of(), null, "test", null);
    }

    static Map<String, ServiceVersion> webOneToTwo() {
        Map<String, ServiceVersion> versions = new LinkedHashMap<>();
        versions.put("web", new ServiceVersion("reg/demo:2", D2, "always", "reg/demo:1@" + D1, D1));
        versions.put("db", new ServiceVersion("reg/demo:1", D1, "always", "reg/demo:1@" + D1, D1));
        return versions;
    }

    static DeployStart start(String id, String environment, String user, Instant at) {
        Map<String, ServiceVersion> images = new LinkedHashMap<>();
        images.put("web", new ServiceVersion("reg/demo:2", D2, "always", null, null));
        images.put("db", new ServiceVersion("reg/demo:1", D1, "always", null, null));
        return new DeployStart(id, lab(), environment, user, at, "abc123", images, List.of());
    }

    static DeployRecord ended(String id, String environment, String user, Instant at, String result) {
        return new DeployRecord(id, "lab", environment, user, at, at.plusSeconds(12), "/stacks/qa/compose.yaml", "abc123",
                Map.of("web", "reg/demo:2", "db", "reg/demo:1"), List.of(new DeployRecord.StepTiming("VALIDATE", 30, true)),
                Map.of(), result, DeployRecord.SUCCEEDED.equals(result) ? null : "the deploy failed\nsecond line", List.of(),
                webOneToTwo(), DeployRecord.SUCCEEDED.equals(result) ? 2500L : null, null);
    }

    /** The pool's copy of a run as a second Envboard reads it. */
    static PoolRecord running(String id, String environment, String user, Instant at) {
        return new PoolRecord(DeployFields.KIND, environment, id, 1, DeployFields.started(start(id, environment, user, at)), List.of("swarm"));
    }

    static PoolRecord finished(String id, String environment, String user, Instant at, String result) {
        return new PoolRecord(DeployFields.KIND, environment, id, 2, DeployFields.ended(ended(id, environment, user, at, result)),
                List.of("swarm"));
    }
}
