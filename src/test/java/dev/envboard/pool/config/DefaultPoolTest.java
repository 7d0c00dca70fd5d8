package dev.envboard.pool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPoolTest {
    private static final Path HOME = Path.of("/home/tester");

    @Test
    void withoutDockerHostUsesTheLocalSocket() {
        PoolsConfig config = DefaultPool.fromEnvironment(Map.of(), HOME);
        PoolSpec pool = config.pools().get(0);
        assertThat(pool.kind()).isEqualTo(PoolKind.AUTO);
        assertThat(pool.manager().uri().toString()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(config.source()).contains("local Docker socket");
    }

    @Test
    void dockerHostWithTlsVerifyUsesTheCertPath() {
        PoolsConfig config = DefaultPool.fromEnvironment(Map.of(
                "DOCKER_HOST", "tcp://10.1.1.1:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"), HOME);
        assertThat(config.pools().get(0).manager().tlsDir()).isEqualTo(Path.of("/certs"));

        PoolsConfig defaultCerts = DefaultPool.fromEnvironment(Map.of(
                "DOCKER_HOST", "tcp://10.1.1.1:2376", "DOCKER_TLS_VERIFY", "1"), HOME);
        assertThat(defaultCerts.pools().get(0).manager().tlsDir()).isEqualTo(HOME.resolve(".docker"));
    }

    @Test
    void plainRemoteDockerHostIsRefusedWithAReason() {
        PoolsConfig config = DefaultPool.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.1.1.1:2375"), HOME);
        assertThat(config.pools()).isEmpty();
        assertThat(config.errors().get(0).toString()).startsWith("DOCKER_HOST: plain tcp to 10.1.1.1 is refused");
    }
}
