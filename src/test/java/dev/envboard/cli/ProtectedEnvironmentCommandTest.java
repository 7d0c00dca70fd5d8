package dev.envboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An environment pools.yaml lists under {@code protected:} is redeployed, or a host moved out of
 * it, only with {@code --confirm NAME}; without it nothing changes on the real Swarm.
 */
@ExtendWith(SandboxExtension.class)
class ProtectedEnvironmentCommandTest {
    private static final String ENV = "locked";
    private static final String NODE = "envboard-swarm-3";
    private static final String REFUSAL = ENV + " is protected: type its name to confirm (--confirm " + ENV + ")";
    private Sandbox sandbox;
    private Path dir;
    private Path pools;
    private Map<String, String> env;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        this.dir = dir;
        Path stacks = Files.createDirectories(dir.resolve("stacks").resolve(ENV));
        Files.writeString(stacks.resolve("compose.yaml"), """
                services:
                  tick:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """);
        String sandboxPools = Files.readString(sandbox.poolsFile());
        String protectedPools = sandboxPools.replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks"))
                .replace("  - name: sandbox-swarm\n", "  - name: sandbox-swarm\n    protected: [" + ENV + "]\n");
        assertThat(protectedPools).contains("protected: [" + ENV + "]").contains("stacks: " + dir.resolve("stacks"));
        pools = dir.resolve("pools.yaml");
        Files.writeString(pools, protectedPools);
        env = Map.of("XDG_STATE_HOME", dir.toString(), "XDG_CONFIG_HOME", dir.toString());
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, NODE);
    }

    @AfterEach
    void tearDown() {
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", ENV);
        } catch (AssertionError nothing) {
            // not deployed
        }
        if (!label().isEmpty()) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODE);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(env, config -> 1, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aRedeployWithoutTheTypedNameIsRefusedAndRecordedAndTouchesNothing() throws Exception {
        Run first = run("redeploy", ENV, "--confirm", ENV, "--json", "--config", pools.toString());
        assertThat(first.code()).as(first.err()).isZero();
        String firstId = new ObjectMapper().readTree(first.out()).get("id").asText();
        Set<String> containers = containers();
        String service = service();
        assertThat(containers).as("the first deploy runs").isNotEmpty();

        for (List<String> unconfirmed : List.of(List.<String>of(), List.of("--confirm", "LOCKED"), List.of("--confirm", "qa"),
                List.of("--from", firstId))) {
            Run refused = run(Stream.concat(Stream.of("redeploy", ENV, "--config", pools.toString()), unconfirmed.stream())
                    .toArray(String[]::new));
            assertThat(refused.code()).as(unconfirmed + ": " + refused.err()).isEqualTo(3);
            assertThat(refused.out()).as(unconfirmed.toString()).contains(ENV + ": refused").contains(REFUSAL);
            assertThat(refused.err()).as(unconfirmed.toString()).contains(REFUSAL)
                    .as("nothing was validated or asked").doesNotContain("Validate the stack");
            assertThat(containers()).as(unconfirmed + ": the very same containers").isEqualTo(containers);
            assertThat(service()).as(unconfirmed + ": the service was not updated").isEqualTo(service);
        }
        JsonNode last = lastRecord();
        assertThat(last.get("environment").asText()).isEqualTo(ENV);
        assertThat(last.get("result").asText()).isEqualTo("refused");
        assertThat(last.get("error").asText()).isEqualTo(REFUSAL);
        assertThat(last.get("rollbackFrom").asText()).as("the refused rollback is on record too").isEqualTo(firstId);

        Run confirmed = run("redeploy", ENV, "--confirm", ENV, "--config", pools.toString());
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains(ENV + ": succeeded");
        Set<String> now = containers();
        assertThat(now).as("redeployed: new containers only").isNotEmpty().doesNotContainAnyElementsOf(containers);
    }

    @Test
    void aHostLeavesAProtectedEnvironmentOnlyWithItsNameAndMayEnterFreely() {
        String version = nodeVersion();
        for (List<String> unconfirmed : List.of(List.<String>of(), List.of("--confirm", "demo"))) {
            Run refused = run(Stream.concat(Stream.of("move", NODE, "-", "--yes", "--config", pools.toString()), unconfirmed.stream())
                    .toArray(String[]::new));
            assertThat(refused.code()).as(unconfirmed + ": " + refused.err()).isEqualTo(3);
            assertThat(refused.err()).contains("not moved: " + REFUSAL);
            assertThat(label()).isEqualTo(ENV);
            assertThat(nodeVersion()).as("the node was not updated at all").isEqualTo(version);
        }
        Run toDemo = run("move", NODE, "demo", "--yes", "--config", pools.toString());
        assertThat(toDemo.code()).as("to another environment just the same").isEqualTo(3);
        assertThat(label()).isEqualTo(ENV);

        Run confirmed = run("move", NODE, "-", "--yes", "--confirm", ENV, "--config", pools.toString());
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(label()).isEmpty();

        Run back = run("move", NODE, ENV, "--yes", "--config", pools.toString());
        assertThat(back.code()).as("moving into a protected environment asks nothing: " + back.err()).isZero();
        assertThat(label()).isEqualTo(ENV);
    }

    /** The containers of the environment on the node's own engine, running or not. */
    private Set<String> containers() {
        String out = sandbox.docker(sandbox.engine(NODE), "ps", "-aq", "--no-trunc", "--filter", "label=com.docker.stack.namespace=" + ENV);
        return out.isBlank() ? Set.of() : Set.copyOf(out.lines().toList());
    }

    /** The service's id and version index: any update raises the index. */
    private String service() {
        return sandbox.docker(sandbox.manager(), "service", "inspect", "--format", "{{.ID}} {{.Version.Index}}", ENV + "_tick");
    }

    private String nodeVersion() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.Version.Index}}", NODE);
    }

    private String label() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", NODE);
    }

    /** The newest line of the deploy history file, as the redeploys wrote it. */
    private JsonNode lastRecord() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            Path history = files.filter(f -> f.getFileName().toString().equals("deploys.jsonl")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(history);
            return new ObjectMapper().readTree(lines.get(lines.size() - 1));
        }
    }
}
