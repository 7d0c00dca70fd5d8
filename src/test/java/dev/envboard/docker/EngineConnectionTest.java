package dev.envboard.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.model.Info;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Labels;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SandboxExtension.class)
class EngineConnectionTest {

    @Test
    void everyEngineAnswersOverItsUnixSocketWithItsOwnNameAndLabels(Sandbox sandbox) {
        try (DockerClients clients = new DockerClients()) {
            for (Sandbox.Engine engine : sandbox.engines()) {
                Info info = clients.quick(EndpointSpec.parse(engine.dockerHost(), null, false)).infoCmd().exec();
                assertThat(info.getName()).isEqualTo(engine.name());
                String cliLabels = sandbox.docker(engine, "info", "--format", "{{join .Labels \",\"}}");
                Map<String, String> expected = Labels.fromEngineList(cliLabels.isEmpty() ? new String[0] : cliLabels.split(","));
                assertThat(Labels.fromEngineList(info.getLabels())).isEqualTo(expected);
            }
        }
    }

    @Test
    void theTlsEngineAnswersOverTcpWithItsCertificates(Sandbox sandbox) {
        EngineSpec tlsEngine = standalonePool(sandbox).engines().stream()
                .filter(e -> e.endpoint().usesTls()).findFirst().orElseThrow();
        try (DockerClients clients = new DockerClients()) {
            Info info = clients.quick(tlsEngine.endpoint()).infoCmd().exec();
            assertThat(tlsEngine.endpoint().uri().getScheme()).isEqualTo("tcp");
            assertThat(info.getName()).isEqualTo(tlsEngine.name());
        }
    }

    @Test
    void theTlsEngineIsRefusedWhenKeyPemIsMissing(Sandbox sandbox, @TempDir Path certs) throws IOException {
        EngineSpec tlsEngine = standalonePool(sandbox).engines().stream()
                .filter(e -> e.endpoint().usesTls()).findFirst().orElseThrow();
        Files.copy(tlsEngine.endpoint().tlsDir().resolve("ca.pem"), certs.resolve("ca.pem"));
        Files.copy(tlsEngine.endpoint().tlsDir().resolve("cert.pem"), certs.resolve("cert.pem"));
        EndpointSpec withoutKey = new EndpointSpec(tlsEngine.endpoint().uri(), certs, false);
        assertThatThrownBy(() -> {
            try (DockerClient client = DockerClients.create(withoutKey, DockerClients.Profile.QUICK)) {
                client.infoCmd().exec();
            }
        }).isInstanceOf(EndpointRefusedException.class)
                .hasMessage("TLS file " + certs.resolve("key.pem") + " is missing; refusing to connect without it");
    }

    @Test
    void plainHttpToTheTlsPortDoesNotGetThrough(Sandbox sandbox) {
        // Without TLS the engine must not answer: proves the TLS test above really used TLS. Any failure
        // would not: the engine's own refusal of plain HTTP is what shows the port speaks TLS.
        EngineSpec tlsEngine = standalonePool(sandbox).engines().stream()
                .filter(e -> e.endpoint().usesTls()).findFirst().orElseThrow();
        EndpointSpec plain = new EndpointSpec(tlsEngine.endpoint().uri(), null, true);
        assertThatThrownBy(() -> {
            try (DockerClient client = DockerClients.create(plain, DockerClients.Profile.QUICK)) {
                client.infoCmd().exec();
            }
        }).isInstanceOf(BadRequestException.class).hasMessageContaining("Client sent an HTTP request to an HTTPS server");
    }

    static PoolSpec standalonePool(Sandbox sandbox) {
        PoolsConfig config = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile());
        assertThat(config.errors()).isEmpty();
        return config.pools().stream().filter(p -> p.name().equals("sandbox-hosts")).findFirst().orElseThrow();
    }
}
