package dev.envboard.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS fails closed: no client is built, so no byte can go out in plain HTTP; event streams neither. */
class TlsRefusalTest {
    @TempDir
    Path certs;

    @Test
    void missingKeyIsRefusedAndNamed() throws IOException {
        Files.writeString(certs.resolve("ca.pem"), "x");
        Files.writeString(certs.resolve("cert.pem"), "x");
        EndpointSpec endpoint = EndpointSpec.parse("tcp://127.0.0.1:1", certs, false);
        assertThatThrownBy(() -> DockerClients.create(endpoint, DockerClients.Profile.QUICK))
                .isInstanceOf(EndpointRefusedException.class)
                .hasMessageContaining(certs.resolve("key.pem").toString())
                .hasMessageContaining("missing");
    }

    @Test
    void unusableFilesAreRefusedToo() throws IOException {
        for (String name : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(certs.resolve(name), "not a certificate");
        }
        EndpointSpec endpoint = EndpointSpec.parse("tcp://127.0.0.1:1", certs, false);
        assertThatThrownBy(() -> DockerClients.create(endpoint, DockerClients.Profile.QUICK))
                .isInstanceOf(EndpointRefusedException.class)
                .hasMessageContaining("could not be used");
    }

    @Test
    void plainRemoteTcpIsRefusedWithoutInsecure() {
        EndpointSpec endpoint = EndpointSpec.parse("tcp://10.9.9.9:2375", null, false);
        assertThatThrownBy(() -> DockerClients.create(endpoint, DockerClients.Profile.QUICK))
                .isInstanceOf(EndpointRefusedException.class)
                .hasMessageContaining("plain tcp to 10.9.9.9");
    }

    @Test
    void eventStreamsAreRefusedAlikeOnTheSharedClient() throws IOException {
        Files.writeString(certs.resolve("ca.pem"), "x");
        Files.writeString(certs.resolve("cert.pem"), "x");
        try (DockerClients clients = new DockerClients()) {
            assertThatThrownBy(() -> clients.events(EndpointSpec.parse("tcp://127.0.0.1:1", certs, false)))
                    .isInstanceOf(EndpointRefusedException.class)
                    .hasMessageContaining(certs.resolve("key.pem").toString());
            assertThatThrownBy(() -> clients.events(EndpointSpec.parse("tcp://10.9.9.9:2375", null, false)))
                    .isInstanceOf(EndpointRefusedException.class)
                    .hasMessageContaining("plain tcp to 10.9.9.9");
        }
    }
}
