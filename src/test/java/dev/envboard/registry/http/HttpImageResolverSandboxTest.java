package dev.envboard.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.registry.ImageRef;
import dev.envboard.registry.Platform;
import dev.envboard.registry.RegistryAuth;
import dev.envboard.registry.RegistryException;
import dev.envboard.registry.ResolvedImage;
import dev.envboard.registry.credentials.DockerConfigCredentials;
import dev.envboard.testing.LogCapture;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver against the sandbox's real registry (Distribution 2.8, TLS from its own CA through
 * certs.d, htpasswd): digests as an engine that pulls records them, the refusals in their words,
 * logins from auths and from a credential helper, and no password anywhere in the logs.
 */
@ExtendWith(SandboxExtension.class)
class HttpImageResolverSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private Sandbox sandbox;
    private Sandbox.Registry registry;

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.registry = sandbox.registry();
    }

    @Test
    void eachTagResolvesToTheDigestAnEngineRecordsWhenItPullsIt() throws Exception {
        HttpImageResolver resolver = new HttpImageResolver(auths(registry.user(), registry.password()));

        ResolvedImage one = resolver.resolve(ImageRef.parse(registry.image("1")));
        ResolvedImage two = resolver.resolve(ImageRef.parse(registry.image("2")));
        ResolvedImage latest = resolver.resolve(ImageRef.parse(registry.image("latest")));

        assertThat(one.digest()).startsWith("sha256:").isNotEqualTo(two.digest());
        assertThat(latest.digest()).as(":latest moves with :2").isEqualTo(two.digest());
        assertThat(one.platformDigest()).as("a plain manifest is its own platform's").isEqualTo(one.digest());
        assertThat(one.pinned().reference()).isEqualTo(registry.image() + "@" + one.digest());
        // An engine that never pushed them pulls with docker's own login and records the same digests.
        assertThat(pulledDigest("1")).isEqualTo(one.digest());
        assertThat(pulledDigest("2")).isEqualTo(two.digest());
    }

    @Test
    void theLoginIsAskedForOnceAndRequestsAreCounted() throws Exception {
        HttpImageResolver resolver = new HttpImageResolver(auths(registry.user(), registry.password()));

        resolver.resolve(ImageRef.parse(registry.image("1")));
        assertThat(resolver.requestCount()).as("HEAD refused with a Basic challenge, HEAD with the login").isEqualTo(2);
        resolver.resolve(ImageRef.parse(registry.image("2")));
        resolver.resolve(ImageRef.parse(registry.image("1")));
        assertThat(resolver.requestCount()).as("one HEAD each, the login remembered").isEqualTo(4);
    }

    @Test
    void theLoginDockerLoginWroteAndOneFromACredentialHelperBothWork() throws Exception {
        // registry.dockerConfig(): `docker login` of the sandbox wrote it (auths, base64 of user:password).
        ResolvedImage viaDockerLogin = new HttpImageResolver(new DockerConfigCredentials(registry.dockerConfig()))
                .resolve(ImageRef.parse(registry.image("2")));

        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path helper = bin.resolve("docker-credential-sandboxtest");
        Files.writeString(helper, """
                #!/bin/sh
                server=$(cat)
                if [ "$1" = get ] && [ "$server" = '%s' ]; then
                  printf '{"ServerURL":"%%s","Username":"%s","Secret":"%s"}' "$server"
                else
                  echo "credentials not found in native keychain"; exit 1
                fi
                """.formatted(registry.address(), registry.user(), registry.password()));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Path config = Files.createDirectories(temp.resolve("helper-config"));
        Files.writeString(config.resolve("config.json"), "{\"credHelpers\": {\"" + registry.address() + "\": \"sandboxtest\"}}");
        DockerConfigCredentials fromHelper = new DockerConfigCredentials(config, Map.of("PATH", bin + ":/usr/bin:/bin"),
                Duration.ofSeconds(10));
        ResolvedImage viaHelper = new HttpImageResolver(fromHelper).resolve(ImageRef.parse(registry.image("2")));

        assertThat(fromHelper.find(registry.address())).map(RegistryAuth::username).contains(registry.user());
        assertThat(viaHelper.digest()).isEqualTo(viaDockerLogin.digest()).isEqualTo(pulledDigest("2"));
    }

    @Test
    void anUnknownTagIsRefusedNamingImageRegistryAndReason() {
        HttpImageResolver resolver = new HttpImageResolver(auths(registry.user(), registry.password()));

        assertThatThrownBy(() -> resolver.resolve(ImageRef.parse(registry.image("9"))))
                .isInstanceOf(RegistryException.class)
                .hasMessage("image " + registry.image("9") + " in registry " + registry.address() + ": unknown tag 9");
        assertThatThrownBy(() -> resolver.resolve(ImageRef.parse(registry.address() + "/envboard/nothing-here:1")))
                .hasMessage("image " + registry.address() + "/envboard/nothing-here:1 in registry " + registry.address()
                        + ": unknown tag 1");
    }

    @Test
    void aWrongPasswordOrNoLoginIsRefusedAndNoPasswordReachesALogOrMessage() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        ImageRef image = ImageRef.parse(registry.image("1"));
        String message;
        String noLogin;
        String log;
        try (LogCapture capture = LogCapture.start()) {
            HttpImageResolver good = new HttpImageResolver(auths(registry.user(), registry.password()));
            good.resolve(image);
            message = refusal(new HttpImageResolver(auths(registry.user(), wrong)), image);
            noLogin = refusal(new HttpImageResolver(r -> Optional.empty()), image);
            log = capture.text();
        }

        assertThat(message).isEqualTo("image " + image + " in registry " + registry.address() + ": unauthorized (wrong user or password?)");
        assertThat(noLogin).isEqualTo("image " + image + " in registry " + registry.address()
                + ": unauthorized (no login for " + registry.address() + ": docker login " + registry.address() + ")");
        assertThat(log).as("the capture saw the requests").contains("/v2/envboard/demo/manifests/1 -> 401", "-> 200");
        for (String secret : List.of(registry.password(), wrong, basic(registry.user(), registry.password()), basic(registry.user(), wrong))) {
            assertThat(log).doesNotContain(secret);
            assertThat(message).doesNotContain(secret);
        }
    }

    @Test
    void aStoppedRegistryIsRefusedAsUnreachable() {
        HttpImageResolver resolver = new HttpImageResolver(auths(registry.user(), registry.password()));
        ImageRef image = ImageRef.parse(registry.image("1"));
        sandbox.stopRegistry();
        try {
            assertThatThrownBy(() -> resolver.resolve(image)).isInstanceOf(RegistryException.class)
                    .hasMessage("image " + image + " in registry " + registry.address()
                            + ": registry unreachable: connection to " + registry.address() + " refused");
        } finally {
            sandbox.startRegistry();
        }
        assertThat(sandbox.registry().password()).as("a restart keeps the login").isEqualTo(registry.password());
    }

    @Test
    void withoutItsCaInCertsDTheRegistryIsNotTrusted() throws Exception {
        Path emptyCertsDir = Files.createDirectories(temp.resolve("certs.d"));
        HttpImageResolver resolver = new HttpImageResolver(auths(registry.user(), registry.password()),
                ResolverSettings.defaults().withCertsDir(emptyCertsDir));

        assertThatThrownBy(() -> resolver.resolve(ImageRef.parse(registry.image("1"))))
                .hasMessageStartingWith("image " + registry.image("1") + " in registry " + registry.address() + ": TLS with "
                        + registry.address() + " failed: ")
                .hasMessageEndingWith("(is its CA in " + emptyCertsDir.resolve(registry.address()).resolve("ca.crt") + "?)");
        // The machine's certs.d, where the sandbox put the CA for Docker, is the default.
        assertThat(Files.readString(ResolverSettings.DOCKER_CERTS_DIR.resolve(registry.address()).resolve("ca.crt")))
                .isEqualTo(Files.readString(registry.ca()));
    }

    @Test
    void aManifestListResolvesToTheHostsPlatform() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(RegistryTrust.context(List.of(registry.ca()))).build();
        Manifest one = manifest(client, "1");
        Manifest two = manifest(client, "2");
        String tag = "multi-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] list = JSON.writeValueAsBytes(Map.of(
                "schemaVersion", 2,
                "mediaType", HttpImageResolver.DOCKER_LIST,
                "manifests", List.of(
                        entry(one, Map.of("os", "linux", "architecture", "arm64", "variant", "v8")),
                        entry(two, Map.of("os", "linux", "architecture", "amd64")))));
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(registryUri("/manifests/" + tag))
                .header("Authorization", "Basic " + basic(registry.user(), registry.password()))
                .header("Content-Type", HttpImageResolver.DOCKER_LIST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(list)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        String listDigest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        try {
            ImageRef image = ImageRef.parse(registry.image(tag));
            ResolvedImage amd64 = new HttpImageResolver(auths(registry.user(), registry.password())).resolve(image);
            ResolvedImage arm64 = new HttpImageResolver(auths(registry.user(), registry.password()),
                    ResolverSettings.defaults().withPlatform(Platform.parse("linux/arm64/v8"))).resolve(image);
            HttpImageResolver s390x = new HttpImageResolver(auths(registry.user(), registry.password()),
                    ResolverSettings.defaults().withPlatform(Platform.parse("linux/s390x")));

            assertThat(amd64.digest()).as("the list's digest, what docker pins to").isEqualTo(listDigest);
            assertThat(amd64.platformDigest()).isEqualTo(two.digest());
            assertThat(arm64.digest()).isEqualTo(listDigest);
            assertThat(arm64.platformDigest()).isEqualTo(one.digest());
            assertThatThrownBy(() -> s390x.resolve(image)).hasMessage("image " + image + " in registry " + registry.address()
                    + ": no manifest for linux/s390x in its manifest list (it has linux/arm64/v8, linux/amd64)");
        } finally {
            HttpResponse<String> delete = client.send(HttpRequest.newBuilder(registryUri("/manifests/" + listDigest))
                    .header("Authorization", "Basic " + basic(registry.user(), registry.password()))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delete.statusCode()).as("the list removed again: " + delete.body()).isEqualTo(202);
        }
    }

    private record Manifest(String digest, int size, String mediaType) {
    }

    private Manifest manifest(HttpClient client, String tag) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(registryUri("/manifests/" + tag))
                .header("Authorization", "Basic " + basic(registry.user(), registry.password()))
                .header("Accept", HttpImageResolver.DOCKER_MANIFEST).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        return new Manifest(response.headers().firstValue("Docker-Content-Digest").orElseThrow(), response.body().length,
                json.path("mediaType").asText());
    }

    private static Map<String, Object> entry(Manifest manifest, Map<String, String> platform) {
        return Map.of("mediaType", manifest.mediaType(), "size", manifest.size(), "digest", manifest.digest(), "platform", platform);
    }

    private URI registryUri(String path) {
        return URI.create("https://" + registry.address() + "/v2/envboard/demo" + path);
    }

    /** Pulls TAG on an engine that did not push it, with docker's own login, and reads the digest it records. */
    private String pulledDigest(String tag) {
        Sandbox.Engine engine = sandbox.engine("envboard-host-2");
        String config = registry.dockerConfig().toString();
        try {
            sandbox.docker(engine, "--config", config, "pull", "-q", registry.image(tag));
            String digests = sandbox.docker(engine, "image", "inspect", "--format", "{{json .RepoDigests}}", registry.image(tag));
            List<String> repoDigests = List.of(JSON.readValue(digests, String[].class));
            String prefix = registry.image() + "@";
            return repoDigests.stream().filter(d -> d.startsWith(prefix)).map(d -> d.substring(prefix.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no RepoDigest of " + registry.image() + " in " + repoDigests));
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            // Only the registry's name goes; the image stays as envboard/demo:TAG, as the sandbox built it.
            sandbox.docker(engine, "image", "rm", registry.image(tag));
        }
    }

    private static String refusal(HttpImageResolver resolver, ImageRef image) {
        try {
            resolver.resolve(image);
            throw new AssertionError("resolved " + image + " although it should have been refused");
        } catch (RegistryException e) {
            return e.getMessage();
        }
    }

    /** A docker config whose auths hold user:password for the sandbox's registry. */
    private DockerConfigCredentials auths(String user, String password) {
        try {
            Path dir = Files.createTempDirectory(temp, "docker-config");
            Files.writeString(dir.resolve("config.json"),
                    "{\"auths\": {\"https://" + registry.address() + "\": {\"auth\": \"" + basic(user, password) + "\"}}}");
            return new DockerConfigCredentials(dir, Map.of(), Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
