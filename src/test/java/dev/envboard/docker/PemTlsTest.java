package dev.envboard.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker's PEM files as openssl writes them (RSA in PKCS#1 and PKCS#8, EC in SEC1) make a TLS
 * context that completes a mutual handshake with a server trusting the same CA, and the Bouncy
 * Castle provider is never registered (registering it is what cost the start-up).
 */
class PemTlsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rsa-pkcs1", "rsa-pkcs8", "ec-sec1"})
    void aClientContextFromPemFilesCompletesAMutualHandshake(String format) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "1",
                "-subj", "/CN=envboard-test-ca");
        switch (format) {
            case "rsa-pkcs1" -> openssl("genrsa", "-traditional", "-out", "key.pem", "2048");
            case "rsa-pkcs8" -> openssl("genpkey", "-algorithm", "RSA", "-out", "key.pem");
            default -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        }
        String header = Files.readAllLines(dir.resolve("key.pem")).get(0);
        assertThat(header).isEqualTo(switch (format) {
            case "rsa-pkcs1" -> "-----BEGIN RSA PRIVATE KEY-----";
            case "rsa-pkcs8" -> "-----BEGIN PRIVATE KEY-----";
            default -> "-----BEGIN EC PRIVATE KEY-----";
        });
        openssl("req", "-new", "-key", "key.pem", "-out", "client.csr", "-subj", "/CN=client");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-out", "cert.pem", "-days", "1");

        boolean registeredBefore = Security.getProvider("BC") != null;
        SSLContext client = PemTls.context(dir);

        // The server: the same CA's certificate as its own, asking for the client's.
        Path server = Files.createDirectory(dir.resolve("server"));
        Files.copy(dir.resolve("ca.pem"), server.resolve("ca.pem"));
        Files.copy(dir.resolve("ca.pem"), server.resolve("cert.pem"));
        Files.copy(dir.resolve("ca-key.pem"), server.resolve("key.pem"));
        SSLContext serverContext = PemTls.context(server);
        try (SSLServerSocket listening = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0)) {
            listening.setNeedClientAuth(true);
            Thread accept = new Thread(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.startHandshake();
                    accepted.getOutputStream().write(42);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            accept.start();
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listening.getLocalPort())) {
                // The server's certificate names no host: checking the chain is what this test is about.
                socket.startHandshake();
                assertThat(socket.getInputStream().read()).isEqualTo(42);
                assertThat(socket.getSession().getLocalCertificates()).hasSize(1);
            }
            accept.join(10_000);
        }
        if (!registeredBefore) {
            // Other tests in this JVM (SSH) may have registered it; when none had, reading the PEM must not.
            assertThat(Security.getProvider("BC")).isNull();
        }
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
