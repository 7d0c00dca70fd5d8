package dev.envboard.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.registry.ImageRef;
import dev.envboard.registry.ImageResolver;
import dev.envboard.registry.Platform;
import dev.envboard.registry.RegistryAuth;
import dev.envboard.registry.RegistryCredentials;
import dev.envboard.registry.RegistryException;
import dev.envboard.registry.ResolvedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Resolves a tag to its digest with the registry's HTTP API (Distribution / OCI): a manifest
 * HEAD (GET when the HEAD does not say enough), the Basic or Bearer challenge of a 401 answered
 * with the login {@link RegistryCredentials} finds, and the hosts' platform picked out of a
 * manifest list. TLS trusts the system's CAs plus Docker's {@code certs.d/HOST:PORT/*.crt}.
 * Every HTTP request is counted ({@link #requestCount()}): the board re-checks in the background.
 * Secrets go only into Authorization headers, never into a log line or a message.
 */
public final class HttpImageResolver implements ImageResolver {
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String ACCEPT = String.join(", ", OCI_INDEX, DOCKER_LIST, DOCKER_MANIFEST, OCI_MANIFEST);
    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int MAX_CACHED = 64;
    private static final Logger LOG = Logger.getLogger(HttpImageResolver.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryCredentials credentials;
    private final ResolverSettings settings;
    private final AtomicLong requests = new AtomicLong();
    /** By registry and the state of its certs.d files, so a new CA counts without a restart. */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    /** The Authorization that worked, by registry and repository (a Bearer token is scoped to one). */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    public HttpImageResolver(RegistryCredentials credentials, ResolverSettings settings) {
        this.credentials = credentials;
        this.settings = settings;
    }

    public HttpImageResolver(RegistryCredentials credentials) {
        this(credentials, ResolverSettings.defaults());
    }

    /** HTTP requests sent so far (manifests and tokens), successful or not. */
    @Override
    public long requestCount() {
        return requests.get();
    }

    @Override
    public ResolvedImage resolve(ImageRef image) throws RegistryException {
        String reference = image.digest() != null ? image.digest() : image.tag();
        URI uri = base(image, image.registry()).resolve("/v2/" + image.repository() + "/manifests/" + reference);
        HttpResponse<byte[]> head = fetch(image, "HEAD", uri);
        if (head.statusCode() == 200) {
            String digest = head.headers().firstValue(DIGEST_HEADER).orElse(null);
            String type = mediaType(head);
            if (digest != null && (type.equals(DOCKER_MANIFEST) || type.equals(OCI_MANIFEST))) {
                return new ResolvedImage(image, digest, digest);
            }
        } else if (head.statusCode() != 404 && head.statusCode() != 405) {
            throw failure(image, head);
        }
        // A list needs its body; a 404 has its error code only in a body; some registries refuse HEAD.
        HttpResponse<byte[]> get = fetch(image, "GET", uri);
        if (get.statusCode() != 200) {
            throw failure(image, get);
        }
        return fromBody(image, get);
    }

    private ResolvedImage fromBody(ImageRef image, HttpResponse<byte[]> response) throws RegistryException {
        byte[] body = response.body();
        String computed = "sha256:" + HexFormat.of().formatHex(sha256(body));
        String digest = response.headers().firstValue(DIGEST_HEADER).orElse(computed);
        if (digest.startsWith("sha256:") && !digest.equals(computed)) {
            throw refused(image, "the manifest does not match its digest (" + DIGEST_HEADER + " " + digest
                    + ", the body hashes to " + computed + ")");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(body);
        } catch (IOException e) {
            throw refused(image, "the manifest is not JSON");
        }
        String type = mediaType(response);
        if (type.isEmpty() && manifest != null) {
            type = manifest.path("mediaType").asText("");
        }
        if (type.equals(OCI_INDEX) || type.equals(DOCKER_LIST) || manifest != null && manifest.has("manifests")) {
            return new ResolvedImage(image, digest, pickPlatform(image, manifest));
        }
        return new ResolvedImage(image, digest, digest);
    }

    /** The digest of the hosts' platform's manifest in a list; its variant counts only when asked for. */
    private String pickPlatform(ImageRef image, JsonNode list) throws RegistryException {
        Platform want = settings.platform();
        List<String> offered = new ArrayList<>();
        String fallback = null;
        for (JsonNode entry : list.path("manifests")) {
            JsonNode p = entry.path("platform");
            Platform has = new Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                    p.hasNonNull("variant") ? p.get("variant").asText() : null);
            offered.add(has.toString());
            if (!has.os().equals(want.os()) || !has.architecture().equals(want.architecture())) {
                continue;
            }
            String digest = entry.path("digest").asText(null);
            if (want.variant() == null || want.variant().equals(has.variant())) {
                if (digest != null) {
                    return digest;
                }
            } else if (fallback == null && has.variant() == null) {
                fallback = digest;
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw refused(image, "no manifest for " + want + " in its manifest list (it has " + String.join(", ", offered) + ")");
    }

    /** One request with the Authorization known for the repository, answering one challenge on a 401. */
    private HttpResponse<byte[]> fetch(ImageRef image, String method, URI uri) throws RegistryException {
        String key = image.registry() + " " + image.repository();
        String authorization = authorizations.get(key);
        HttpResponse<byte[]> response = send(image, request(method, uri, authorization), image.registry());
        if (response.statusCode() != 401) {
            return response;
        }
        AuthChallenge challenge = AuthChallenge.parse(response.headers().firstValue("WWW-Authenticate").orElse(null))
                .orElseThrow(() -> refused(image, "unauthorized (the registry sent no WWW-Authenticate challenge)"));
        Optional<RegistryAuth> login = login(image);
        authorization = authorize(image, challenge, login);
        response = send(image, request(method, uri, authorization), image.registry());
        if (response.statusCode() == 401) {
            authorizations.remove(key);
            throw unauthorized(image, login);
        }
        if (authorizations.size() >= MAX_CACHED) {
            authorizations.clear();
        }
        authorizations.put(key, authorization);
        return response;
    }

    private Optional<RegistryAuth> login(ImageRef image) throws RegistryException {
        try {
            return credentials.find(image.registry());
        } catch (RegistryException e) {
            throw new RegistryException(prefix(image) + e.getMessage(), e);
        }
    }

    private String authorize(ImageRef image, AuthChallenge challenge, Optional<RegistryAuth> login) throws RegistryException {
        if (challenge.isBasic()) {
            RegistryAuth auth = login.filter(a -> a.username() != null && a.secret() != null)
                    .orElseThrow(() -> unauthorized(image, Optional.empty()));
            return basic(auth);
        }
        if (challenge.isBearer()) {
            return "Bearer " + token(image, challenge, login);
        }
        throw refused(image, "unauthorized (the registry asks for " + challenge.scheme() + " authentication, which Envboard does not speak)");
    }

    /** A Bearer token from the challenge's realm: with the login (Basic, or an identity token's refresh), or anonymous. */
    private String token(ImageRef image, AuthChallenge challenge, Optional<RegistryAuth> login) throws RegistryException {
        String realm = challenge.param("realm");
        if (realm == null || realm.isBlank()) {
            throw refused(image, "unauthorized (its Bearer challenge names no realm)");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw refused(image, "unauthorized (its token realm is not a URL)");
        }
        String realmHost = realmUri.getAuthority();
        boolean plainAllowed = settings.plainHttp().contains(image.registry());
        if (realmHost == null || !("https".equals(realmUri.getScheme()) || plainAllowed && "http".equals(realmUri.getScheme()))) {
            throw refused(image, "unauthorized (its token realm " + realm + " is not https; no login is sent there)");
        }
        String scope = Optional.ofNullable(challenge.param("scope")).orElse("repository:" + image.repository() + ":pull");
        String service = challenge.param("service");
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(settings.requestTimeout());
        Optional<RegistryAuth> refresh = login.filter(a -> a.identityToken() != null);
        if (refresh.isPresent()) {
            // docker login's OAuth refresh token: exchanged at the realm for an access token.
            String form = "grant_type=refresh_token&client_id=envboard" + param("service", service) + param("scope", scope)
                    + param("refresh_token", refresh.get().identityToken());
            builder.uri(realmUri).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            String query = (param("service", service) + param("scope", scope)).replaceFirst("^&", "");
            String separator = realm.contains("?") ? "&" : "?";
            builder.uri(URI.create(realm + (query.isEmpty() ? "" : separator + query))).GET();
            login.filter(a -> a.username() != null && a.secret() != null).ifPresent(a -> builder.header("Authorization", basic(a)));
        }
        HttpResponse<byte[]> response = send(image, builder.build(), realmHost);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw unauthorized(image, login);
        }
        if (response.statusCode() != 200) {
            throw refused(image, "its token service " + realmHost + " answered HTTP " + response.statusCode());
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            String token = json.hasNonNull("token") ? json.get("token").asText() : json.path("access_token").asText("");
            if (token.isBlank()) {
                throw refused(image, "its token service " + realmHost + " gave no token");
            }
            return token;
        } catch (IOException e) {
            throw refused(image, "its token service " + realmHost + " did not answer JSON");
        }
    }

    private static String param(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String basic(RegistryAuth auth) {
        return "Basic " + Base64.getEncoder().encodeToString((auth.username() + ":" + auth.secret()).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest request(String method, URI uri, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("Accept", ACCEPT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    /** Sends one request to {@code host} (a registry or its token service); the body is read up to a bound. */
    private HttpResponse<byte[]> send(ImageRef image, HttpRequest request, String host) throws RegistryException {
        HttpClient client = client(image, host);
        requests.incrementAndGet();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                throw refused(image, request.uri().getHost() + " answered more than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
            }
            LOG.fine(() -> request.method() + " " + request.uri() + " -> " + response.statusCode());
            return new BufferedResponse(response, body);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(image, e, "no connection to " + host + " within " + settings.connectTimeout().toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable(image, e, "no answer from " + host + " within " + settings.requestTimeout().toSeconds() + " s");
        } catch (SSLException e) {
            throw refused(image, "TLS with " + host + " failed: " + e.getMessage() + " (is its CA in "
                    + settings.certsDir().resolve(host).resolve("ca.crt") + "?)", e);
        } catch (IOException e) {
            throw unreachable(image, e, describe(e, host));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(image, "interrupted", e);
        }
    }

    private static String describe(IOException e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection to " + host + " refused";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host " + host;
            }
        }
        String message = e.getMessage();
        return (message == null || message.isBlank() ? e.getClass().getSimpleName() : message) + " (" + host + ")";
    }

    private HttpClient client(ImageRef image, String host) throws RegistryException {
        try {
            List<Path> cas = RegistryTrust.caFiles(settings.certsDir(), host);
            StringBuilder key = new StringBuilder(host);
            for (Path ca : cas) {
                key.append('|').append(ca).append(':').append(Files.getLastModifiedTime(ca).toMillis()).append(':').append(Files.size(ca));
            }
            HttpClient cached = clients.get(key.toString());
            if (cached != null) {
                return cached;
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                    .sslContext(RegistryTrust.context(cas)).build();
            if (clients.size() >= MAX_CACHED) {
                clients.clear();
            }
            clients.put(key.toString(), client);
            return client;
        } catch (IOException | GeneralSecurityException e) {
            throw refused(image, "cannot read the CA of " + host + " in " + settings.certsDir() + ": " + e.getMessage(), e);
        }
    }

    private URI base(ImageRef image, String registry) throws RegistryException {
        // Docker Hub's API lives on another host than its name.
        String host = registry.equals(ImageRef.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        String scheme = settings.plainHttp().contains(registry) ? "http" : "https";
        try {
            return URI.create(scheme + "://" + host + "/");
        } catch (IllegalArgumentException e) {
            throw refused(image, "\"" + registry + "\" is not a registry address");
        }
    }

    private RegistryException failure(ImageRef image, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String code = errorCode(response.body());
        return switch (status) {
            case 404 -> refused(image, code.equals("NAME_UNKNOWN") ? "unknown repository " + image.repository()
                    : image.tag() != null && image.digest() == null ? "unknown tag " + image.tag() : "unknown digest " + image.digest());
            case 403 -> refused(image, "denied (the login may not pull " + image.repository() + ")");
            case 429 -> refused(image, "too many requests (the registry's rate limit)");
            default -> refused(image, "the registry answered HTTP " + status + (code.isEmpty() ? "" : " " + code));
        };
    }

    /** The first error code of a registry's JSON error body ({"errors":[{"code":...}]}), or "". */
    private static String errorCode(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null ? "" : json.path("errors").path(0).path("code").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String mediaType(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    private static String prefix(ImageRef image) {
        return "image " + image + " in registry " + image.registry() + ": ";
    }

    private static RegistryException refused(ImageRef image, String reason) {
        return new RegistryException(prefix(image) + reason);
    }

    private static RegistryException refused(ImageRef image, String reason, Throwable cause) {
        return new RegistryException(prefix(image) + reason, cause);
    }

    private static RegistryException unreachable(ImageRef image, Throwable cause, String reason) {
        return new RegistryException(prefix(image) + "registry unreachable: " + reason, cause);
    }

    private static RegistryException unauthorized(ImageRef image, Optional<RegistryAuth> login) {
        return refused(image, login.isPresent() ? "unauthorized (wrong user or password?)"
                : "unauthorized (no login for " + image.registry() + ": docker login " + image.registry() + ")");
    }
}
