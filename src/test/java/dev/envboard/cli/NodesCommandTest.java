package dev.envboard.cli;

import dev.envboard.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class NodesCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        GuiStarter noGui = config -> {
            throw new AssertionError("a headless command must not open the window");
        };
        int code = TestCli.of(Map.of(), noGui, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void jsonListsEveryHostOfBothPoolsAsTheEnginesReportThem(Sandbox sandbox) throws Exception {
        Run run = run("nodes", "--json", "--config", sandbox.poolsFile().toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode pools = new ObjectMapper().readTree(run.out());
        assertThat(pools).hasSize(2);

        JsonNode swarm = pools.get(0);
        assertThat(swarm.get("pool").asText()).isEqualTo("sandbox-swarm");
        assertThat(swarm.get("status").asText()).isEqualTo("online");
        for (JsonNode host : swarm.get("hosts")) {
            String id = host.get("nodeId").asText();
            assertThat(host.get("hostname").asText())
                    .isEqualTo(sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.Description.Hostname}}", id));
            String env = sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", id);
            assertThat(host.path("environment").isNull() ? "" : host.get("environment").asText()).isEqualTo(env);
            assertThat(host.get("address").asText())
                    .isEqualTo(sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.Status.Addr}}", id));
        }

        JsonNode standalone = pools.get(1);
        List<String> names = new ArrayList<>();
        standalone.get("hosts").forEach(h -> names.add(h.get("hostname").asText()));
        assertThat(names).containsExactlyElementsOf(sandbox.standaloneHosts().stream().map(Sandbox.Engine::name).toList());
        for (JsonNode host : standalone.get("hosts")) {
            Sandbox.Engine engine = sandbox.engine(host.get("hostname").asText());
            assertThat(host.get("engineId").asText()).isEqualTo(sandbox.docker(engine, "info", "--format", "{{.ID}}"));
            assertThat(host.get("key").asText()).as("the pool's entry, not the engine's word")
                    .isIn(engine.dockerHost(), "tcp://" + engine.address() + ":2376");
            String version = sandbox.docker(sandbox.engine(host.get("hostname").asText()), "info", "--format", "{{.ServerVersion}}");
            assertThat(host.get("engineVersion").asText()).isEqualTo(version);
        }
    }

    @Test
    void tableShowsEachHostWithItsEnvironment(Sandbox sandbox) {
        Run run = run("nodes", "--pool", "sandbox-hosts", "--config", sandbox.poolsFile().toString());
        assertThat(run.code()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("POOL").contains("ENVIRONMENT");
        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            String env = sandbox.docker(engine, "info", "--format", "{{range .Labels}}{{.}} {{end}}");
            String expectedEnv = env.contains("environment=") ? env.replaceAll(".*environment=(\\S+).*", "$1") : "-";
            assertThat(lines).anySatisfy(line -> assertThat(line.split("\\s+"))
                    .contains(engine.name(), expectedEnv));
        }
    }

    @Test
    void unknownPoolIsAClearUsageError(Sandbox sandbox) {
        Run run = run("nodes", "--pool", "nope", "--config", sandbox.poolsFile().toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no pool named \"nope\"").contains("sandbox-swarm");
    }
}
