package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.cli.Prompt;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example stacks as the sandbox's own pools.yaml names them (README: {@code ./envboard redeploy
 * qa --pool sandbox-hosts --config /var/lib/envboard-sandbox/pools.yaml}): their images come from
 * the sandbox's registry, with the login of the pools' registry-config:, out of the box.
 */
@ExtendWith(SandboxExtension.class)
class ExampleStacksFromRegistryTest {
    private static final String ENV = "qa"; // envboard-host-1 in the sandbox as built
    private static final String HOST = "envboard-host-1";
    private Sandbox sandbox;

    @AfterEach
    void tearDown() {
        if (sandbox == null) {
            return;
        }
        Sandbox.Engine host = sandbox.engine(HOST);
        String ids = sandbox.docker(host, "ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + ENV);
        for (String id : ids.lines().filter(l -> !l.isBlank()).toList()) {
            sandbox.docker(host, "rm", "-f", id);
        }
        for (String id : sandbox.docker(host, "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + ENV)
                .lines().filter(l -> !l.isBlank()).toList()) {
            sandbox.docker(host, "network", "rm", id);
        }
    }

    @Test
    void anExampleEnvironmentRedeploysFromTheRegistryWithThePoolsLoginAndNoneOfTheUsers(Sandbox sandbox, @TempDir Path dir)
            throws Exception {
        this.sandbox = sandbox;
        SandboxRegistry registry = SandboxRegistry.of(sandbox);
        assertThat(Files.readString(sandbox.poolsFile())).contains("registry-config: " + registry.dockerConfig);
        String digest = registry.digest("1");
        Sandbox.Engine host = sandbox.engine(HOST);
        registry.removeImages(sandbox, host); // it must pull
        assertThat(SandboxRegistry.repoDigests(sandbox, host, registry.image("1"))).isEmpty();
        Path noLogin = Files.createDirectories(dir.resolve("user-docker-config")); // the user's: no login at all
        Map<String, String> env = Map.of("XDG_STATE_HOME", dir.toString(), "XDG_CONFIG_HOME", dir.toString(),
                "DOCKER_CONFIG", noLogin.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = TestCli.of(env, config -> 1, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err),
                "redeploy", ENV, "--pool", "sandbox-hosts", "--json", "--config", sandbox.poolsFile().toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode record = new ObjectMapper().readTree(out.toString());
        assertThat(record.get("result").asText()).isEqualTo("succeeded");
        for (String service : List.of("web", "api", "worker", "www")) {
            JsonNode version = record.get("versions").get(service);
            assertThat(version.get("image").asText()).as(service).isEqualTo(registry.image("1"));
            assertThat(version.get("digest").asText()).as(service).isEqualTo(digest);
            assertThat(version.get("pull").asText()).as(service).isEqualTo("always");
        }
        String pulled = sandbox.docker(host, "image", "inspect", "--format", "{{.Id}}", registry.repository + "@" + digest);
        List<String> containers = sandbox.docker(host, "ps", "-q", "--filter", "label=com.docker.stack.namespace=" + ENV).lines()
                .filter(l -> !l.isBlank()).toList();
        assertThat(containers).as("web x2 (qa/.env), api, worker, www (one per host)").hasSize(5);
        for (String id : containers) {
            assertThat(sandbox.docker(host, "inspect", "--format", "{{.Config.Image}} {{.Image}}", id))
                    .isEqualTo(registry.repository + "@" + digest + " " + pulled);
        }
    }
}
