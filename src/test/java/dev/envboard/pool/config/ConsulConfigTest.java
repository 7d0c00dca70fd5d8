package dev.envboard.pool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.PoolSpec;
import dev.envboard.yaml.InputProblem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsulConfigTest {
    private static final String POOL = """
            pools:
              - name: lab
                kind: swarm
                endpoint: unix:///run/docker.sock
                consul:
            """;

    @TempDir
    Path dir;

    private PoolsConfig load(String consulBlock) throws IOException {
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, POOL + consulBlock.indent(6));
        return new PoolsFileLoader(Path.of("/home/tester"), "tester").load(file);
    }

    private Path tokenFile(String mode) throws IOException {
        Path file = dir.resolve("consul.token");
        Files.writeString(file, "s3cr3t-token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsEveryKey() throws IOException {
        tokenFile("rw-------");
        PoolsConfig config = load("""
                address: https://consul.lab.example:8501
                datacenter: dc1
                ca: certs/consul-ca.pem
                token-file: consul.token
                nodes:
                  consul-node-7: envboard-host-1
                """);
        assertThat(config.problems()).isEmpty();
        ConsulSpec consul = config.pools().get(0).consul();
        assertThat(consul.address()).isEqualTo(URI.create("https://consul.lab.example:8501"));
        assertThat(consul.datacenter()).isEqualTo("dc1");
        assertThat(consul.caFile()).isEqualTo(dir.resolve("certs/consul-ca.pem"));
        assertThat(consul.tokenFile()).isEqualTo(dir.resolve("consul.token"));
        assertThat(consul.tokenEnv()).isNull();
        assertThat(consul.nodes()).isEqualTo(Map.of("consul-node-7", "envboard-host-1"));
    }

    @Test
    void hostAndPortAloneMeanHttpAndAMissingPortIsConsulsDefault() throws IOException {
        PoolsConfig config = load("""
                address: 127.0.0.1:8600
                token-env: CONSUL_HTTP_TOKEN
                """);
        assertThat(config.problems()).isEmpty();
        ConsulSpec consul = config.pools().get(0).consul();
        assertThat(consul.address()).isEqualTo(URI.create("http://127.0.0.1:8600"));
        assertThat(consul.tokenEnv()).isEqualTo("CONSUL_HTTP_TOKEN");
        assertThat(ConsulSpec.parseAddress("https://consul.example")).isEqualTo(URI.create("https://consul.example:8501"));
        assertThat(ConsulSpec.parseAddress("http://localhost")).isEqualTo(URI.create("http://localhost:8500"));
    }

    @Test
    void aPoolWithoutConsulHasNone() throws IOException {
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, POOL.replace("    consul:\n", ""));
        PoolsConfig config = new PoolsFileLoader(dir, "tester").load(file);
        assertThat(config.problems()).isEmpty();
        assertThat(config.pools()).extracting(PoolSpec::consul).containsExactly((ConsulSpec) null);
    }

    @Test
    void aTokenInClearIsRefusedWithFileAndLineAndWithoutRepeatingIt() throws IOException {
        PoolsConfig config = load("""
                address: http://127.0.0.1:8500
                token: 0f1e2d3c-aaaa-bbbb-cccc-123456789abc
                """);
        assertThat(config.pools()).isEmpty();
        InputProblem problem = config.errors().get(0);
        assertThat(problem.file()).isEqualTo(dir.resolve("pools.yaml"));
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.field()).isEqualTo("pools[0].consul.token");
        assertThat(problem.message()).contains("token-env").contains("token-file");
        assertThat(problem.toString()).doesNotContain("0f1e2d3c");
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedWithFileAndLine() throws IOException {
        Path token = tokenFile("rw-r--r--");
        PoolsConfig config = load("""
                address: http://127.0.0.1:8500
                token-file: consul.token
                """);
        assertThat(config.pools()).isEmpty();
        InputProblem problem = config.errors().get(0);
        assertThat(problem.file()).isEqualTo(dir.resolve("pools.yaml"));
        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.field()).isEqualTo("pools[0].consul.token-file");
        assertThat(problem.message()).contains(token.toString()).contains("0644").contains("chmod 600");
        assertThat(problem.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aTokenFileThatIsNotThereYetIsCheckedWhenConnecting() throws IOException {
        PoolsConfig config = load("""
                address: http://127.0.0.1:8500
                token-file: ~/.config/envboard/consul.token
                """);
        assertThat(config.problems()).isEmpty();
        assertThat(config.pools().get(0).consul().tokenFile())
                .isEqualTo(Path.of("/home/tester/.config/envboard/consul.token"));
    }

    @Test
    void unknownKeysAreWarningsWithFileAndLineLikeElsewhere() throws IOException {
        PoolsConfig config = load("""
                address: http://127.0.0.1:8500
                token_env: CONSUL_HTTP_TOKEN
                """);
        assertThat(config.pools()).hasSize(1);
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.file()).isEqualTo(dir.resolve("pools.yaml"));
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.field()).isEqualTo("pools[0].consul.token_env");
        });
    }

    @Test
    void badValuesAreErrorsNamingTheField() throws IOException {
        assertThat(load("address: ftp://127.0.0.1:21\n").errors())
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("pools[0].consul.address");
                    assertThat(p.line()).isEqualTo(6);
                    assertThat(p.message()).contains("http://");
                });
        assertThat(load("address: http://user:pw@127.0.0.1:8500\n").errors())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("token-env"));
        assertThat(load("address: http://127.0.0.1:8500\nca: ca.pem\n").errors())
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("pools[0].consul.ca"));
        assertThat(load("address: http://127.0.0.1:8500\ntoken-env: CONSUL TOKEN\n").errors())
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("pools[0].consul.token-env"));
        assertThat(load("datacenter: dc1\n").errors())
                .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("pools[0].consul.address"));
    }

    @Test
    void bothTokenSourcesAreRefused() throws IOException {
        tokenFile("rw-------");
        assertThat(load("""
                address: http://127.0.0.1:8500
                token-env: CONSUL_HTTP_TOKEN
                token-file: consul.token
                """).errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("not both"));
    }

    @Test
    void plainHttpToAnotherMachineWithATokenIsAWarning() throws IOException {
        PoolsConfig config = load("""
                address: http://consul.lab.example:8500
                token-env: CONSUL_HTTP_TOKEN
                """);
        assertThat(config.pools()).hasSize(1);
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.message()).contains("unencrypted");
        });
    }

    @Test
    void toStringNamesWhereTheTokenLivesNeverATokenValue() {
        ConsulSpec spec = new ConsulSpec(URI.create("http://127.0.0.1:8500"), "dc1", null, "CONSUL_HTTP_TOKEN", null, Map.of());
        assertThat(spec.toString()).isEqualTo("consul http://127.0.0.1:8500 dc dc1 (token: $CONSUL_HTTP_TOKEN)");
    }
}
