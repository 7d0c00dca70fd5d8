package dev.envboard.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.envboard.registry.ImageRef;
import dev.envboard.registry.RegistryAuth;
import dev.envboard.registry.RegistryException;
import dev.envboard.registry.ResolvedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Bearer challenge (Docker Hub's, Harbor's, GitLab's way), which the sandbox's htpasswd
 * registry does not use: a registry and token service of this test's own on loopback, speaking
 * plain http as docker allows for an insecure registry. It answers as the Distribution spec says:
 * 401 with {@code Bearer realm,service,scope}, a token for Basic credentials or for a refresh
 * token, and a manifest list only to a GET (its HEAD gives no digest).
 */
class BearerRegistryTest {
    private static final String TOKEN = "tok-5e1f";
    private static final String PASSWORD = "pw-bearer-19c7";
    private static final String REFRESH = "refresh-77aa";
    private static final String AMD64 = "sha256:" + "a".repeat(64);
    private static final String ARM64 = "sha256:" + "b".repeat(64);

    private HttpServer server;
    private String registry;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile boolean wrongDigestHeader;
    private final byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + HttpImageResolver.OCI_INDEX + "\",\"manifests\":["
            + "{\"mediaType\":\"" + HttpImageResolver.OCI_MANIFEST + "\",\"size\":500,\"digest\":\"" + ARM64
            + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}},"
            + "{\"mediaType\":\"" + HttpImageResolver.OCI_MANIFEST + "\",\"size\":500,\"digest\":\"" + AMD64
            + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}").getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::manifest);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(exchange.getRequestMethod() + " /token?" + decode(query) + " form=" + decode(form) + " auth=" + scheme(auth));
        boolean basicOk = ("Basic " + basic("alice", PASSWORD)).equals(auth);
        boolean refreshOk = form.contains("grant_type=refresh_token") && form.contains("refresh_token=" + REFRESH);
        if (basicOk) {
            reply(exchange, 200, ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8), "application/json", null);
        } else if (refreshOk) {
            reply(exchange, 200, ("{\"access_token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8), "application/json", null);
        } else {
            reply(exchange, 401, new byte[0], "application/json", null);
        }
    }

    private void manifest(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " auth=" + scheme(auth));
        if (!("Bearer " + TOKEN).equals(auth)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + registry
                    + "/token\",service=\"double.test\",scope=\"repository:team/app:pull\"");
            reply(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8), "application/json", null);
            return;
        }
        if (!exchange.getRequestURI().getPath().equals("/v2/team/app/manifests/1")) {
            reply(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8), "application/json", null);
            return;
        }
        String digest = wrongDigestHeader ? AMD64 : sha256(index);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        // Like some registries, the HEAD names the type but no digest.
        reply(exchange, 200, head ? null : index, HttpImageResolver.OCI_INDEX, head ? null : digest);
    }

    @Test
    void aBearerChallengeIsAnsweredWithATokenForTheLoginAndTheListResolvedToTheHostsPlatform() throws Exception {
        HttpImageResolver resolver = resolver(new RegistryAuth(registry, "alice", PASSWORD, null));

        ResolvedImage resolved = resolver.resolve(ImageRef.parse(registry + "/team/app:1"));

        assertThat(resolved.digest()).isEqualTo(sha256(index));
        assertThat(resolved.platformDigest()).isEqualTo(AMD64);
        assertThat(seen).containsExactly(
                "HEAD /v2/team/app/manifests/1 auth=none",
                "GET /token?service=double.test&scope=repository:team/app:pull form= auth=Basic",
                "HEAD /v2/team/app/manifests/1 auth=Bearer",
                "GET /v2/team/app/manifests/1 auth=Bearer");
        assertThat(resolver.requestCount()).isEqualTo(seen.size());

        resolver.resolve(ImageRef.parse(registry + "/team/app:1"));
        assertThat(seen).as("the token is kept for the repository").hasSize(6).last().isEqualTo("GET /v2/team/app/manifests/1 auth=Bearer");
    }

    @Test
    void anIdentityTokenIsExchangedWithoutAPassword() throws Exception {
        HttpImageResolver resolver = resolver(new RegistryAuth(registry, null, null, REFRESH));

        assertThat(resolver.resolve(ImageRef.parse(registry + "/team/app:1")).platformDigest()).isEqualTo(AMD64);
        assertThat(seen.get(1)).isEqualTo("POST /token?null form=grant_type=refresh_token&client_id=envboard&service=double.test"
                + "&scope=repository:team/app:pull&refresh_token=" + REFRESH + " auth=none");
    }

    @Test
    void aRefusedTokenIsAWrongLoginAndAnUnknownTagIsNamed() {
        HttpImageResolver wrong = resolver(new RegistryAuth(registry, "alice", "not-it", null));
        HttpImageResolver right = resolver(new RegistryAuth(registry, "alice", PASSWORD, null));

        assertThatThrownBy(() -> wrong.resolve(ImageRef.parse(registry + "/team/app:1"))).isInstanceOf(RegistryException.class)
                .hasMessage("image " + registry + "/team/app:1 in registry " + registry + ": unauthorized (wrong user or password?)");
        assertThatThrownBy(() -> right.resolve(ImageRef.parse(registry + "/team/app:2")))
                .hasMessage("image " + registry + "/team/app:2 in registry " + registry + ": unknown tag 2");
    }

    @Test
    void aManifestThatDoesNotHashToItsDigestIsRefused() {
        wrongDigestHeader = true;
        HttpImageResolver resolver = resolver(new RegistryAuth(registry, "alice", PASSWORD, null));

        assertThatThrownBy(() -> resolver.resolve(ImageRef.parse(registry + "/team/app:1")))
                .hasMessageStartingWith("image " + registry + "/team/app:1 in registry " + registry
                        + ": the manifest does not match its digest (Docker-Content-Digest " + AMD64 + ", the body hashes to sha256:");
    }

    @Test
    void challengesAreReadAsRfc7235WritesThem() {
        AuthChallenge bearer = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/nginx:pull,push\"").orElseThrow();
        AuthChallenge basic = AuthChallenge.parse("Basic realm=\"envboard \\\"sandbox\\\"\"").orElseThrow();

        assertThat(bearer.isBearer()).isTrue();
        assertThat(bearer.param("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(bearer.param("scope")).isEqualTo("repository:library/nginx:pull,push");
        assertThat(basic.isBasic()).isTrue();
        assertThat(basic.param("realm")).isEqualTo("envboard \"sandbox\"");
        assertThat(AuthChallenge.parse(" ")).isEmpty();
    }

    private HttpImageResolver resolver(RegistryAuth login) {
        return new HttpImageResolver(r -> r.equals(registry) ? Optional.of(login) : Optional.empty(),
                ResolverSettings.defaults().withPlainHttp(Set.of(registry)));
    }

    private static void reply(HttpExchange exchange, int status, byte[] content, String type, String digest) throws IOException {
        byte[] body = exchange.getRequestMethod().equals("HEAD") ? null : content;
        exchange.getResponseHeaders().add("Content-Type", type);
        if (digest != null) {
            exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        }
        exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static String sha256(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scheme(String authorization) {
        return authorization == null ? "none" : authorization.substring(0, authorization.indexOf(' '));
    }

    private static String decode(String text) {
        return text == null ? "null" : URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
