package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.history.SkippedCheck;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.PoolsFiles;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Swarm pool without engines: cannot have a worker node's images checked. That check is
 * skipped, never passed: the redeploy is refused until the user accepts exactly that check.
 */
@ExtendWith(SandboxExtension.class)
class SkippedChecksTest {
    private static final String ENV = "skipenv";
    private Sandbox sandbox;
    private DeployFixture fixture;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        fixture = new DeployFixture(sandbox, dir, PoolsFiles::withoutSwarmEngines);
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, "envboard-swarm-3");
        fixture.stack(ENV, """
                services:
                  tick:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """);
    }

    @AfterEach
    void tearDown() {
        try {
            fixture.removeStack(ENV);
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", "envboard-swarm-3");
        } finally {
            fixture.close();
        }
    }

    @Test
    void aCheckThatCouldNotRunRefusesTheRedeployUntilExactlyThatCheckIsAccepted() {
        PoolSpec pool = fixture.pool("sandbox-swarm");
        RedeployService service = fixture.app.redeployService();

        ValidationReport report = service.check(pool, ENV);
        assertThat(report.refused()).as(report.refusal()).isFalse();
        assertThat(report.skipped()).singleElement().satisfies(check -> {
            assertThat(check.host()).isEqualTo("envboard-swarm-3");
            assertThat(check.check()).isEqualTo("images envboard/demo:1");
            assertThat(check.reason()).contains("no engines: entry in pools.yaml");
            assertThat(check.accepted()).isFalse();
        });

        DeployRecord refused = service.redeploy(pool, ENV, List.of(), DeployListener.NONE, new CancelToken());
        assertThat(refused.result()).isEqualTo(DeployRecord.REFUSED);
        assertThat(refused.error()).contains("1 check could not run and was not accepted")
                .contains("images envboard/demo:1 not checked on envboard-swarm-3").contains("nothing was changed");
        assertThat(refused.skippedChecks()).singleElement().satisfies(check -> assertThat(check.accepted()).isFalse());
        assertThat(fixture.app.deployHistory().recent(1).get(0)).satisfies(recorded -> {
            assertThat(recorded.id()).isEqualTo(refused.id());
            assertThat(recorded.skippedChecks()).extracting(SkippedCheck::host).containsExactly("envboard-swarm-3");
        });
        assertThat(services()).as("nothing was created").isEmpty();

        SkippedCheck skipped = report.skipped().get(0);
        SkippedCheck otherHost = new SkippedCheck(skipped.check(), skipped.hostKey() + "-elsewhere", "elsewhere", skipped.reason(), true);
        DeployRecord stillRefused = service.redeploy(pool, ENV, List.of(otherHost), DeployListener.NONE, new CancelToken());
        assertThat(stillRefused.result()).as("accepting the same check on another host accepts nothing here")
                .isEqualTo(DeployRecord.REFUSED);
        assertThat(services()).isEmpty();

        DeployRecord accepted = service.redeploy(pool, ENV, report.skipped(), DeployListener.NONE, new CancelToken());
        assertThat(accepted.result()).as(accepted.error()).isEqualTo(DeployRecord.SUCCEEDED);
        assertThat(accepted.skippedChecks()).singleElement().satisfies(check -> {
            assertThat(check.accepted()).isTrue();
            assertThat(check.describe()).isEqualTo("images envboard/demo:1 not checked on envboard-swarm-3: "
                    + skipped.reason() + " (accepted)");
        });
        assertThat(services()).isEqualTo(ENV + "_tick 1/1");
    }

    private String services() {
        return sandbox.docker(sandbox.manager(), "service", "ls", "--filter", "label=com.docker.stack.namespace=" + ENV,
                "--format", "{{.Name}} {{.Replicas}}");
    }
}
