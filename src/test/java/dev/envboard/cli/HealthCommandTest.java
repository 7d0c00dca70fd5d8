package dev.envboard.cli;

import dev.envboard.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.health.ConsulDouble;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code envboard health} against the Consul double; the pool's only engine is a closed loopback port. */
class HealthCommandTest {
    private record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    private ConsulDouble consul;

    @BeforeEach
    void startConsul() throws IOException {
        consul = ConsulDouble.start();
        consul.node("node-1", "10.0.0.1");
        consul.service("web-1", "web", "node-1", List.of("environment=qa"), Map.of());
        consul.service("web-2", "web", "node-1", List.of(), Map.of("environment", "prod"));
    }

    @AfterEach
    void stopConsul() {
        consul.close();
    }

    private Path config(String consulAddress, String tokenEnv) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, """
                pools:
                  - name: lab
                    kind: standalone
                    engines:
                      - endpoint: tcp://127.0.0.1:%d
                    consul:
                      address: %s
                %s""".formatted(closed, consulAddress, tokenEnv == null ? "" : "      token-env: " + tokenEnv + "\n"));
        return file;
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(env, config -> {
            throw new AssertionError("a headless command must not open the window");
        }, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsInstancesByEnvironmentAndExits3WhenOneIsCritical() throws Exception {
        Path config = config(consul.address(), null);
        Run ok = run(Map.of(), "health", "--config", config.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("POOL").contains("web-1").contains("passing");

        consul.setCheck("node-1", "service:web-2", "critical", "HTTP GET: 500");
        Run bad = run(Map.of(), "health", "--json", "--env", "prod", "--config", config.toString());
        assertThat(bad.code()).as(bad.err()).isEqualTo(3);
        JsonNode pool = new ObjectMapper().readTree(bad.out()).get(0);
        assertThat(pool.get("state").asText()).isEqualTo("ok");
        assertThat(pool.get("instances")).hasSize(1);
        assertThat(pool.get("instances").get(0).get("id").asText()).isEqualTo("web-2");
        assertThat(pool.get("instances").get(0).get("status").asText()).isEqualTo("critical");
        assertThat(pool.get("environments").get("prod").get("critical").asInt()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenExits1AndSaysSo() throws Exception {
        consul.requireToken("the-right-token");
        Run run = run(Map.of("LAB_CONSUL_TOKEN", "a-wrong-token"), "health", "--config",
                config(consul.address(), "LAB_CONSUL_TOKEN").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("lab: unauthorized: ").doesNotContain("a-wrong-token");
    }

    @Test
    void anUnreachableConsulExits1() throws Exception {
        String address = consul.address();
        consul.close();
        Run run = run(Map.of(), "health", "--config", config(address, null).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("lab: unreachable: ");
    }
}
