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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envboard redeploy ENV --from DEPLOY_ID} on the real Swarm, from the sandbox's registry:
 * a stack moved from :1 to :2 and rolled back runs :1's digest again (docker service inspect), and
 * an unknown id is refused with the Swarm service untouched.
 */
@ExtendWith(SandboxExtension.class)
class RollbackCommandTest {
    private static final String ENV = "rollbackcli";
    private static final String SERVICE = ENV + "_tick";
    private Sandbox sandbox;
    private Sandbox.Registry registry;
    private Path pools;
    private Path stack;
    private Map<String, String> env;

    @BeforeEach
    void setUp(Sandbox sandbox, @TempDir Path dir) throws Exception {
        this.sandbox = sandbox;
        registry = sandbox.registry();
        Path stacks = dir.resolve("stacks");
        stack = Files.createDirectories(stacks.resolve(ENV)).resolve("compose.yaml");
        pools = dir.resolve("pools.yaml");
        Files.writeString(pools, Files.readString(sandbox.poolsFile()).replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + stacks));
        env = Map.of("XDG_STATE_HOME", dir.toString(), "XDG_CONFIG_HOME", dir.toString(),
                "DOCKER_CONFIG", registry.dockerConfig().toString());
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

    private void stackAt(String tag) throws Exception {
        Files.writeString(stack, """
                services:
                  tick:
                    image: %s:%s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 2
                      endpoint_mode: dnsrr
                """.formatted(registry.image(), tag));
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(env, config -> 1, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private JsonNode redeploy(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("redeploy", ENV, "--json", "--config", pools.toString()));
        args.addAll(List.of(extra));
        String[] run = run(args.toArray(String[]::new));
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        return new ObjectMapper().readTree(run[1]);
    }

    private String pinnedImage() {
        return sandbox.docker(sandbox.manager(), "service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", SERVICE);
    }

    @Test
    void fromRedeploysTheRecordedDigestOnTheSwarmAndAnUnknownIdChangesNothing() throws Exception {
        stackAt("1");
        JsonNode first = redeploy();
        String one = first.get("versions").get("tick").get("digest").asText();
        assertThat(pinnedImage()).isEqualTo(registry.image() + ":1@" + one);
        stackAt("2");
        JsonNode second = redeploy();
        String two = second.get("versions").get("tick").get("digest").asText();
        assertThat(two).as("the sandbox pushes two different versions").isNotEqualTo(one);
        assertThat(pinnedImage()).isEqualTo(registry.image() + ":2@" + two);
        String serviceId = sandbox.docker(sandbox.manager(), "service", "inspect", "--format", "{{.ID}}", SERVICE);

        String[] unknown = run("redeploy", ENV, "--from", "nosuchid", "--config", pools.toString());
        assertThat(unknown[0]).as(unknown[2]).isEqualTo("3");
        assertThat(unknown[1]).contains("no deploy nosuchid in the deploy history");
        assertThat(sandbox.docker(sandbox.manager(), "service", "inspect", "--format", "{{.ID}}", SERVICE)).isEqualTo(serviceId);
        assertThat(pinnedImage()).isEqualTo(registry.image() + ":2@" + two);

        JsonNode back = redeploy("--from", first.get("id").asText());

        assertThat(back.get("result").asText()).isEqualTo("succeeded");
        assertThat(back.get("rollbackFrom").asText()).isEqualTo(first.get("id").asText());
        assertThat(back.get("versions").get("tick").get("digest").asText()).isEqualTo(one);
        assertThat(back.get("versions").get("tick").get("previousDigest").asText()).isEqualTo(two);
        assertThat(pinnedImage()).isEqualTo(registry.image() + ":1@" + one);
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "--filter", "name=" + SERVICE, "--format", "{{.Replicas}}"))
                .isEqualTo("2/2");
    }
}
