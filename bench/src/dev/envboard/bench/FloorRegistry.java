package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The floor's registry client for the sandbox's registry: what Envboard's resolver does for a tag
 * once it has its login (one {@code HEAD} of the manifest with the Basic authorization it keeps
 * after the first 401), on a kept-alive connection that trusts the registry's CA; and the login as
 * an engine takes it for a pull ({@code X-Registry-Auth}).
 */
final class FloorRegistry {
    private static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");

    private final Sandbox.Registry registry;
    private final HttpClient http;
    private final String authorization;

    FloorRegistry(Sandbox.Registry registry) throws Exception {
        this.registry = registry;
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(registry.ca())) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(ca)) {
                trust.setCertificateEntry("ca-" + n++, certificate);
            }
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((registry.user() + ":" + registry.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** The digest {@code repository:tag} names now (repository without the registry's address). */
    String resolve(String repository, String tag) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + registry.address() + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", ACCEPT).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new BenchFailure("the floor's HEAD of " + repository + ":" + tag + " answered " + response.statusCode());
        }
        return response.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new BenchFailure("the registry gave no digest for " + repository + ":" + tag));
    }

    /** The registry's address, as image names start with it. */
    String address() {
        return registry.address();
    }

    /** The login as the Engine API takes it with a pull: base64url JSON. */
    String engineAuth() {
        String json = "{\"username\":\"" + registry.user() + "\",\"password\":\"" + registry.password() + "\",\"serveraddress\":\""
                + registry.address() + "\"}";
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
