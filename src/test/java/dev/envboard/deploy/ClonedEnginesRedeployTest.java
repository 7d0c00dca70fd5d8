package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.cli.Prompt;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostWarning;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two standalone engines cloned from one VM image report the same engine ID. They are still two
 * hosts: a stack with one replica per host runs one on each, and both are warned about.
 */
@ExtendWith(SandboxExtension.class)
class ClonedEnginesRedeployTest {
    private static final String ENV = "clones";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");
    private Sandbox sandbox;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        sandbox.cloneEngineIds(true);
        fixture = new DeployFixture(sandbox, dir);
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        for (String host : HOSTS) {
            guard.setEnvironment(host, ENV);
        }
        fixture.stack(ENV, """
                services:
                  graph:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 2s
                    deploy:
                      replicas: 2
                      placement:
                        max_replicas_per_node: 1
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            fixture.removeContainers(ENV);
            guard.restore();
        } finally {
            fixture.close();
            sandbox.cloneEngineIds(false);
        }
    }

    @Test
    void theEnginesReportOneIdAndEachRunsItsOwnReplica() {
        String one = sandbox.docker(sandbox.engine("envboard-host-1"), "info", "--format", "{{.ID}}");
        String two = sandbox.docker(sandbox.engine("envboard-host-2"), "info", "--format", "{{.ID}}");
        assertThat(one).as("the sandbox made them clones").isEqualTo(two);

        List<String> messages = new ArrayList<>();
        DeployListener listener = new DeployListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        DeployRecord record = fixture.app.redeployService().redeploy(fixture.pool("sandbox-hosts"), ENV, listener, new CancelToken());

        assertThat(record.result()).as(record.error()).isEqualTo(DeployRecord.SUCCEEDED);
        for (String host : HOSTS) {
            assertThat(fixture.containers(host, ENV)).as("docker ps on " + host).singleElement()
                    .satisfies(line -> assertThat(line).startsWith(ENV + "_graph_").endsWith(" running"));
        }
        assertThat(messages).as("the validation output warns about the clones")
                .anySatisfy(m -> assertThat(m).contains("envboard-host-1", "envboard-host-2", "same engine ID", one));
    }

    @Test
    void bothHostsAreListedAndWarnedAboutInTheSnapshotAndByNodes() {
        PoolSnapshot snapshot = fixture.app.poolInspector().inspect(fixture.pool("sandbox-hosts")).join();
        assertThat(snapshot.hosts()).hasSize(2).allSatisfy(host -> assertThat(host.warnings())
                .extracting(HostWarning::kind).containsExactly(HostWarning.Kind.SAME_ENGINE_ID));
        assertThat(snapshot.hosts()).extracting(Host::key).doesNotHaveDuplicates();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(Map.of(), config -> 1, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err),
                "nodes", "--pool", "sandbox-hosts", "--config", sandbox.poolsFile().toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("envboard-host-1").contains("envboard-host-2");
        assertThat(err.toString()).contains("warning: sandbox-hosts: envboard-host-2").contains("reports the same engine ID").contains("as envboard-host-1");
    }
}
