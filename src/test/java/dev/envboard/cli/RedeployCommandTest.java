package dev.envboard.cli;

import dev.envboard.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.testing.PoolsFiles;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** envboard redeploy / status, as a CI job uses them, on the real Swarm. */
@ExtendWith(SandboxExtension.class)
class RedeployCommandTest {
    private static final String ENV = "clienv";
    private Sandbox sandbox;
    private Path pools;
    private Path stacks;
    private Map<String, String> env;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        stacks = Files.createDirectories(dir.resolve("stacks").resolve(ENV));
        Files.writeString(stacks.resolve("compose.yaml"), """
                services:
                  tick:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 2s
                    deploy:
                      replicas: 2
                """);
        pools = dir.resolve("pools.yaml");
        Files.writeString(pools, Files.readString(sandbox.poolsFile())
                .replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks")));
        env = Map.of("XDG_STATE_HOME", dir.toString(), "XDG_CONFIG_HOME", dir.toString());
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, "envboard-swarm-3");
    }

    @AfterEach
    void tearDown() {
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", ENV);
        } catch (AssertionError nothing) {
            // not deployed
        }
        sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", "envboard-swarm-3");
    }

    private String[] run(String... args) {
        return run(Prompt.NOBODY, args);
    }

    private String[] run(Prompt prompt, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(env, config -> 1, prompt).run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void checksThatCouldNotRunAreListedAndRefusedUnlessAcceptedAtThePromptOrByTheFlag() throws Exception {
        Files.writeString(pools, PoolsFiles.withoutSwarmEngines(Files.readString(pools)));
        String skipped = "images envboard/demo:1 not checked on envboard-swarm-3: no engines: entry in pools.yaml";

        String[] nobody = run("redeploy", ENV, "--config", pools.toString());
        assertThat(nobody[0]).as(nobody[2]).isEqualTo("3");
        assertThat(nobody[2]).contains("1 check(s) of " + ENV + " could not run").contains(skipped).contains("--accept-unchecked");
        assertThat(nobody[1]).contains("refused").contains("was not accepted").contains(skipped);
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "--format", "{{.Name}}")).doesNotContain(ENV + "_tick");

        List<String> asked = new java.util.ArrayList<>();
        String[] yes = run(question -> asked.add(question), "redeploy", ENV, "--config", pools.toString());
        assertThat(asked).containsExactly("Redeploy " + ENV + " without these checks?");
        assertThat(yes[0]).as(yes[2]).isEqualTo("0");
        assertThat(yes[1]).contains("succeeded").contains("skipped check: " + skipped).contains("(accepted)");

        String[] flag = run("redeploy", ENV, "--accept-unchecked", "--json", "--config", pools.toString());
        assertThat(flag[0]).as(flag[2]).isEqualTo("0");
        assertThat(flag[2]).contains("accepted by --accept-unchecked");
        JsonNode check = new ObjectMapper().readTree(flag[1]).get("skippedChecks").get(0);
        assertThat(check.get("host").asText()).isEqualTo("envboard-swarm-3");
        assertThat(check.get("accepted").asBoolean()).isTrue();
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "--format", "{{.Name}} {{.Replicas}}")).contains(ENV + "_tick 2/2");
    }

    @Test
    void redeployPrintsTheRecordAsJsonAndStatusShowsTheEnvironment() throws Exception {
        String[] run = run("redeploy", ENV, "--json", "--config", pools.toString());
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        assertThat(run[2]).contains("Validate the stack").contains("tick: 2/2 ready");
        JsonNode record = new ObjectMapper().readTree(run[1]);
        assertThat(record.get("result").asText()).isEqualTo("succeeded");
        assertThat(record.get("environment").asText()).isEqualTo(ENV);
        assertThat(record.get("images").get("tick").asText()).isEqualTo("envboard/demo:1");
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "--format", "{{.Name}} {{.Replicas}}")).contains(ENV + "_tick 2/2");

        String[] status = run("status", "--pool", "sandbox-swarm", "--json", "--config", pools.toString());
        assertThat(status[0]).as(status[2]).isEqualTo("0");
        JsonNode environments = new ObjectMapper().readTree(status[1]).get(0).get("environments");
        JsonNode mine = null;
        for (JsonNode environment : environments) {
            if (environment.get("environment").asText().equals(ENV)) {
                mine = environment;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("services").get(0).get("name").asText()).isEqualTo("tick");
        assertThat(mine.get("services").get(0).get("running").asInt()).isEqualTo(2);
        assertThat(mine.get("lastDeploy").get("result").asText()).isEqualTo("succeeded");
    }

    @Test
    void aRefusedRedeployExitsThreeAndSaysWhy() throws Exception {
        Files.writeString(stacks.resolve("compose.yaml"), "services:\n  tick:\n    command: [sleep, \"1\"]\n");
        String[] run = run("redeploy", ENV, "--config", pools.toString());
        assertThat(run[0]).isEqualTo("3");
        assertThat(run[1]).contains("refused").contains("compose.yaml:2").contains("image");
    }
}
