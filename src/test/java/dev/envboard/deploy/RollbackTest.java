package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.deploy.compose.PullPolicy;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.ServiceVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which record a rollback takes, what it refuses, and the stack it deploys (a real stack file, loaded). */
class RollbackTest {
    private static final String D1 = "sha256:" + "ab12".repeat(16);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path stacks;

    private static DeployRecord record(String id, String environment, Map<String, ServiceVersion> versions) {
        return new DeployRecord(id, "lab", environment, "ann", T0, T0.plusSeconds(5), "stacks/" + environment + "/compose.yaml",
                "abc", Map.of(), List.of(), Map.of(), DeployRecord.SUCCEEDED, null, List.of(), versions, 100L);
    }

    private static Map<String, ServiceVersion> versions() {
        Map<String, ServiceVersion> versions = new LinkedHashMap<>();
        versions.put("web", new ServiceVersion("reg:5000/envboard/demo:1", D1, "always", null, null));
        versions.put("db", new ServiceVersion("envboard/demo:local", null, "never", null, null));
        return versions;
    }

    private Stack load(String compose) throws Exception {
        Files.createDirectories(stacks.resolve("qa"));
        Files.writeString(stacks.resolve("qa/compose.yaml"), compose);
        return new StackLoader().load(stacks, "qa");
    }

    @Test
    void findsTheRecordOfThatEnvironmentById() throws Exception {
        DeployRecord wanted = record("aaaa1111", "qa", versions());
        List<DeployRecord> history = List.of(record("bbbb2222", "qa", versions()), wanted);

        assertThat(Rollback.find(history, "aaaa1111", "lab", "qa")).isSameAs(wanted);
    }

    @Test
    void refusesAnUnknownIdAnotherEnvironmentsRecordAndARecordWithoutVersions() {
        List<DeployRecord> history = List.of(record("aaaa1111", "qa", versions()), record("cccc3333", "prod", versions()),
                record("dddd4444", "qa", Map.of()));

        assertThatThrownBy(() -> Rollback.find(history, "ffff9999", "lab", "qa")).isInstanceOf(DeployException.class)
                .hasMessage("the rollback of qa was refused; nothing was changed: no deploy ffff9999 in the deploy history");
        assertThatThrownBy(() -> Rollback.find(history, "cccc3333", "lab", "qa"))
                .hasMessage("the rollback of qa was refused; nothing was changed: deploy cccc3333 is of prod in pool lab,"
                        + " not of qa in pool lab");
        assertThatThrownBy(() -> Rollback.find(history, "aaaa1111", "other", "qa"))
                .hasMessageContaining("deploy aaaa1111 is of qa in pool lab, not of qa in pool other");
        assertThatThrownBy(() -> Rollback.find(history, "dddd4444", "lab", "qa"))
                .hasMessageContaining("deploy dddd4444 recorded no versions");
    }

    @Test
    void theCurrentStackRunsTheRecordedImagesWithTheirPolicies() throws Exception {
        Stack current = load("""
                services:
                  web:
                    image: reg:5000/envboard/demo:2
                    deploy: {replicas: 3}
                  db:
                    image: envboard/demo:latest
                """);
        DeployRecord from = record("aaaa1111", "qa", versions());

        Stack recorded = Rollback.recorded(current, from);

        assertThat(recorded.services().get("web").image()).isEqualTo("reg:5000/envboard/demo:1");
        assertThat(recorded.services().get("web").pullPolicy()).isEqualTo(PullPolicy.ALWAYS);
        assertThat(recorded.services().get("web").deploy()).isEqualTo(current.services().get("web").deploy());
        assertThat(recorded.services().get("db").image()).isEqualTo("envboard/demo:local");
        assertThat(recorded.services().get("db").pullPolicy()).isEqualTo(PullPolicy.NEVER);
        assertThat(recorded.sha256()).isEqualTo(current.sha256());
        assertThat(Rollback.withoutDigest(from, recorded)).containsExactly(
                "db: deploy aaaa1111 recorded no digest (pull policy never); it runs envboard/demo:local as recorded,"
                        + " as each host has it");
    }

    @Test
    void refusesAServiceTheRecordDoesNotKnowNamingItAndItsLine() throws Exception {
        Stack current = load("""
                services:
                  web:
                    image: reg:5000/envboard/demo:2
                  cache:
                    image: reg:5000/envboard/demo:2
                """);

        assertThatThrownBy(() -> Rollback.recorded(current, record("aaaa1111", "qa", versions())))
                .isInstanceOf(DeployException.class)
                .hasMessage("the rollback of qa to deploy aaaa1111 was refused; nothing was changed: the stack has a service"
                        + " that deploy does not know: cache (" + current.file() + ":4); redeploy without --from"
                        + " (e.g. with --pull), or remove it from the stack");
    }
}
