package dev.envboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.runtime.Machine;
import dev.envboard.testing.ChildEnvboard;
import dev.envboard.testing.DeployRecordsCleanup;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envboard deploys} in another process, with a state directory of its own, sees the
 * redeploys this process makes: from the pool, never from a shared history file.
 */
@ExtendWith(SandboxExtension.class)
class DeploysCommandTest {
    private static final String ENV = "deploysenv";
    private static final String POOL = "sandbox-swarm";
    private static final String NODE = "envboard-swarm-3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private Path pools;
    private Path stacks;
    private Map<String, String> first;
    private Path secondState;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        stacks = Files.createDirectories(dir.resolve("stacks").resolve(ENV));
        pools = dir.resolve("pools.yaml");
        // The sandbox's own registry-config: stays, so both processes log in to its registry.
        Files.writeString(pools, Files.readString(sandbox.poolsFile())
                .replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks")));
        Path firstState = Files.createDirectories(dir.resolve("first"));
        secondState = Files.createDirectories(dir.resolve("second"));
        first = Map.of("XDG_STATE_HOME", firstState.toString(), "XDG_CONFIG_HOME", firstState.toString());
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, NODE);
    }

    @AfterEach
    void tearDown() {
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", ENV);
        } catch (AssertionError nothing) {
            // not deployed
        }
        sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODE);
        DeployRecordsCleanup.remove(new PoolsFileLoader(Path.of("/root"), "root").load(pools).pool(POOL).orElseThrow(), ENV);
    }

    private void stack(String tag) throws Exception {
        Files.writeString(stacks.resolve("compose.yaml"), """
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """.formatted(sandbox.registry().image(tag)));
    }

    /** {@code envboard redeploy ENV --json} in this process (its own state dir); the record it prints. */
    private JsonNode redeployHere() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(first, config -> 1, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err),
                "redeploy", ENV, "--pool", POOL, "--json", "--config", pools.toString());
        assertThat(code).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }

    @Test
    void aSecondProcessWithItsOwnStateListsTheDeployWithWhoStackDigestsAndResult() throws Exception {
        stack("1");
        redeployHere();
        stack("2");
        JsonNode made = redeployHere();

        ChildEnvboard child = ChildEnvboard.run(secondState, Duration.ofMinutes(2),
                "deploys", "--env", ENV, "--json", "--pool", POOL, "--config", pools.toString());
        assertThat(child.exitCode()).as(child.stderr()).isZero();
        assertThat(Files.exists(secondState.resolve("envboard/deploys.jsonl"))).as("the second process has no history of its own").isFalse();
        JsonNode listed = JSON.readTree(child.stdout());
        assertThat(listed.size()).as(child.stdout()).isEqualTo(2);
        JsonNode deploy = listed.get(0);
        assertThat(deploy.get("id").asText()).isEqualTo(made.get("id").asText());
        assertThat(deploy.get("environment").asText()).isEqualTo(ENV);
        assertThat(deploy.get("user").asText()).isEqualTo(Machine.who(System.getProperty("user.name")));
        assertThat(deploy.get("stackSha256").asText()).isEqualTo(made.get("stackSha256").asText()).hasSize(64);
        assertThat(deploy.get("result").asText()).isEqualTo("succeeded");
        assertThat(deploy.get("origin").asText()).isEqualTo("pool");
        assertThat(deploy.get("started").asText()).isEqualTo(made.get("startedAt").asText());
        assertThat(deploy.get("durationMillis").asLong()).isPositive();
        String one = sandbox.registry().manifestDigest("1");
        String two = sandbox.registry().manifestDigest("2");
        assertThat(deploy.get("versions").get("web").get("previousDigest").asText()).isEqualTo(one);
        assertThat(deploy.get("versions").get("web").get("digest").asText()).isEqualTo(two);
        assertThat(deploy.get("changes").get(0).asText()).startsWith("web: " + one.substring(0, 19)).contains(" → " + two.substring(0, 19));

        ChildEnvboard table = ChildEnvboard.run(secondState, Duration.ofMinutes(2),
                "deploys", "--env", ENV, "--pool", POOL, "--config", pools.toString());
        assertThat(table.exitCode()).as(table.stderr()).isZero();
        assertThat(table.stdoutLines().get(0)).startsWith("POOL").contains("WHO", "RESULT", "CHANGES");
        assertThat(table.stdoutLines().get(1)).contains(POOL, ENV, made.get("id").asText(), "succeeded",
                Machine.who(System.getProperty("user.name")));
    }

    @Test
    void watchStreamsTheStartAndTheEndOfARedeployMadeByAnotherProcessUntilCtrlC() throws Exception {
        stack("1");
        try (ChildEnvboard watch = ChildEnvboard.start(secondState, Map.of(),
                "deploys", "--watch", "--env", ENV, "--pool", POOL, "--config", pools.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> watch.stderr().contains("watching the deploys of " + POOL));
            JsonNode made = redeployHere();
            String id = made.get("id").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> events(watch, id).size() >= 2);
            List<JsonNode> events = events(watch, id);
            assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("started", "succeeded");
            JsonNode started = events.get(0);
            assertThat(started.get("environment").asText()).isEqualTo(ENV);
            assertThat(started.get("pool").asText()).isEqualTo(POOL);
            assertThat(started.get("user").asText()).isEqualTo(Machine.who(System.getProperty("user.name")));
            assertThat(started.get("time").asText()).isEqualTo(made.get("startedAt").asText());
            assertThat(started.has("result")).isFalse();
            JsonNode succeeded = events.get(1);
            assertThat(succeeded.get("result").asText()).isEqualTo("succeeded");
            assertThat(succeeded.get("time").asText()).isEqualTo(made.get("finishedAt").asText());
            assertThat(succeeded.get("stackSha256").asText()).isEqualTo(made.get("stackSha256").asText());

            watch.interrupt();
            assertThat(watch.awaitExit(Duration.ofSeconds(30))).as("Ctrl+C ends it as an interrupted command").isEqualTo(130);
            assertThat(watch.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(watch.stdoutLines()).as("every line is a whole JSON object").allSatisfy(line -> JSON.readTree(line));
        }
    }

    private static List<JsonNode> events(ChildEnvboard watch, String deployId) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : watch.stdoutLines()) {
            try {
                JsonNode event = JSON.readTree(line);
                if (deployId.equals(event.path("deployId").asText())) {
                    events.add(event);
                }
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return events;
    }
}
