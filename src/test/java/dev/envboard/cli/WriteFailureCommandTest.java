package dev.envboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line when its records cannot be written or read back whole: the change is made on
 * the real Swarm, the record's file is a directory, and the exit status and stderr say so.
 */
@ExtendWith(SandboxExtension.class)
class WriteFailureCommandTest {
    private static final String HOST = "envboard-swarm-3";
    private static final String ENV = "writefail";

    private Sandbox sandbox;
    private Path pools;
    private Path state;
    private Map<String, String> env;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        Path stacks = Files.createDirectories(dir.resolve("stacks").resolve(ENV));
        Files.writeString(stacks.resolve("compose.yaml"), """
                services:
                  tick:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 2s
                """);
        pools = dir.resolve("pools.yaml");
        Files.writeString(pools, Files.readString(sandbox.poolsFile())
                .replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks")));
        env = Map.of("XDG_STATE_HOME", dir.toString(), "XDG_CONFIG_HOME", dir.toString());
        state = Files.createDirectories(dir.resolve("envboard"));
    }

    @AfterEach
    void tearDown() {
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", ENV);
        } catch (AssertionError nothing) {
            // not deployed
        }
        if (!environment().isEmpty()) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", HOST);
        }
    }

    @Test
    void aMoveWhoseAuditEntryCannotBeWrittenExitsOneAndSaysTheLabelWasChanged() throws Exception {
        Path audit = Files.createDirectories(state.resolve("audit.jsonl"));

        Run run = run("move", HOST, "demo", "--yes", "--config", pools.toString());

        assertThat(environment()).as("the label did change").isEqualTo("demo");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("moved " + HOST + " to demo (verified on the engine)");
        assertThat(run.err()).contains("envboard: audit log: a record could not be written to " + audit + " (Is a directory); it is lost")
                .contains("envboard: the label was changed, but the audit log could not record it");
        assertThat(audit).isEmptyDirectory();
    }

    @Test
    void aRedeployWhoseRecordCannotBeWrittenExitsOne() throws Exception {
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, HOST);
        Path history = Files.createDirectories(state.resolve("deploys.jsonl"));

        Run run = run("redeploy", ENV, "--config", pools.toString());

        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "--format", "{{.Name}} {{.Replicas}}"))
                .as("the redeploy itself ran").contains(ENV + "_tick 1/1");
        assertThat(run.out()).startsWith(ENV + ": succeeded in ");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("envboard: deploy history: a record could not be written to " + history + " (Is a directory); it is lost")
                .endsWith("envboard: exit status 1: a record could not be written (see above)\n");
    }

    @Test
    void statusNamesCorruptLinesAndFindsTheLastDeployInTheRotatedFile() throws Exception {
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, HOST);
        ObjectMapper json = new ObjectMapper();
        String record = """
                {"id":"r1","pool":"sandbox-swarm","environment":"%s","user":"ann","startedAt":"2030-01-01T10:00:00Z",
                 "finishedAt":"2030-01-01T10:01:00Z","result":"succeeded"}""".formatted(ENV).replace("\n", "");
        Files.writeString(state.resolve("deploys.jsonl.1"), record + "\n");
        Path current = Files.writeString(state.resolve("deploys.jsonl"), """
                {"id":"r2","pool":"sandbox-swarm","environm
                {"id":"r3","pool":"other-pool","environment":"qa","user":"ann","result":"failed"}
                garbage
                """);

        Run run = run("status", "--pool", "sandbox-swarm", "--json", "--config", pools.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("envboard: deploy history: 2 corrupt lines in " + current + " skipped (lines 1, 3)");
        JsonNode mine = null;
        for (JsonNode environment : json.readTree(run.out()).get(0).get("environments")) {
            if (environment.get("environment").asText().equals(ENV)) {
                mine = environment;
            }
        }
        assertThat(mine).as(run.out()).isNotNull();
        assertThat(mine.get("lastDeploy").get("id").asText()).as("read from the rotated file").isEqualTo("r1");
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(env, config -> 1, Prompt.NOBODY).run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private String environment() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", HOST);
    }
}
