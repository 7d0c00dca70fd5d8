package dev.envboard.registry.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envboard.registry.RegistryAuth;
import dev.envboard.registry.RegistryException;
import dev.envboard.testing.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins read as docker keeps them: auths entries and credential helpers, the helpers being small
 * scripts of this test's own on a PATH only their processes get. No secret may leave through a
 * log line, an exception message or a toString.
 */
class DockerConfigCredentialsTest {
    private static final String PASSWORD = "pw-auths-7f3a9c";
    private static final String HELPER_SECRET = "pw-helper-51d2e8";
    private static final String HUB_TOKEN = "token-hub-0c44b1";

    @TempDir
    Path dir;
    private Path config;
    private Path bin;
    private Path asked;

    @BeforeEach
    void setUp() throws IOException {
        config = Files.createDirectories(dir.resolve("docker-config"));
        bin = Files.createDirectories(dir.resolve("bin"));
        asked = dir.resolve("asked.txt");
        // The docker-credential-helpers protocol: "get", the server URL on stdin, JSON on stdout.
        helper("envtest", """
                #!/bin/sh
                [ "$1" = get ] || { echo "unknown verb $1"; exit 1; }
                server=$(cat)
                printf '%s\\n' "$server" >> '%ASKED%'
                case "$server" in
                  registry.test:5443) printf '{"ServerURL":"%s","Username":"alice","Secret":"%SECRET%"}\\n' "$server" ;;
                  https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"<token>","Secret":"%TOKEN%"}' "$server" ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac
                """.replace("%ASKED%", asked.toString()).replace("%SECRET%", HELPER_SECRET).replace("%TOKEN%", HUB_TOKEN));
    }

    @Test
    void authsEntriesInEverySpellingDockerWrites() throws Exception {
        writeConfig("""
                {"auths": {
                  "10.254.77.1:5443": {"auth": "%s"},
                  "https://registry.example.com/v2/": {"auth": "%s"},
                  "https://index.docker.io/v1/": {"auth": "%s"},
                  "tokens.example.com": {"auth": "%s", "identitytoken": "refresh-123"},
                  "empty.example.com": {}
                }}""".formatted(basic("envboard", PASSWORD), basic("bob", "b:with:colons"), basic("hubuser", "hubpass"),
                basic("carol", ""), ""));
        DockerConfigCredentials credentials = credentials();

        assertThat(credentials.find("10.254.77.1:5443")).contains(new RegistryAuth("10.254.77.1:5443", "envboard", PASSWORD, null));
        // A scheme and a path around the key, and a password with colons in it.
        assertThat(credentials.find("registry.example.com")).contains(new RegistryAuth("registry.example.com", "bob", "b:with:colons", null));
        assertThat(credentials.find("docker.io")).contains(new RegistryAuth("docker.io", "hubuser", "hubpass", null));
        assertThat(credentials.find("index.docker.io")).map(RegistryAuth::username).contains("hubuser");
        assertThat(credentials.find("tokens.example.com")).contains(new RegistryAuth("tokens.example.com", "carol", null, "refresh-123"));
        assertThat(credentials.find("empty.example.com")).isEmpty();
        assertThat(credentials.find("10.254.77.1:5000")).as("another port is another registry").isEmpty();
        assertThat(credentials.find("elsewhere.example.com")).isEmpty();
    }

    @Test
    void noConfigFileMeansNoLogin() throws Exception {
        assertThat(new DockerConfigCredentials(dir.resolve("missing"), Map.of(), Duration.ofSeconds(5)).find("docker.io")).isEmpty();
    }

    @Test
    void credHelpersAndCredsStoreRunTheHelperWithTheServerOnStdin() throws Exception {
        writeConfig("""
                {"credHelpers": {"registry.test:5443": "envtest"},
                 "auths": {"other.test": {"auth": "%s"}}}""".formatted(basic("dave", PASSWORD)));

        assertThat(credentials().find("registry.test:5443")).contains(new RegistryAuth("registry.test:5443", "alice", HELPER_SECRET, null));
        assertThat(credentials().find("other.test")).as("no helper for it: auths").map(RegistryAuth::username).contains("dave");

        writeConfig("""
                {"credsStore": "envtest", "auths": {"registry.test:5443": {}, "fallback.test": {"auth": "%s"}}}"""
                .formatted(basic("erin", PASSWORD)));
        assertThat(credentials().find("registry.test:5443")).map(RegistryAuth::secret).contains(HELPER_SECRET);
        // Docker Hub is asked for under docker's key; "<token>" means an identity token.
        assertThat(credentials().find("docker.io")).contains(new RegistryAuth("docker.io", null, null, HUB_TOKEN));
        // "credentials not found in native keychain" is no login, not an error; auths may still have one.
        assertThat(credentials().find("nothing.test")).isEmpty();
        assertThat(credentials().find("fallback.test")).map(RegistryAuth::username).contains("erin");

        assertThat(Files.readAllLines(asked)).containsExactly("registry.test:5443", "registry.test:5443",
                "https://index.docker.io/v1/", "nothing.test", "fallback.test");
    }

    @Test
    void aHelperThatFailsHangsOrIsMissingIsRefusedNamingItAndTheRegistry() throws Exception {
        helper("broken", "#!/bin/sh\necho 'store locked: unlock it first' >&2\nexit 3\n");
        helper("slow", "#!/bin/sh\nexec sleep 30\n");
        helper("chatty", "#!/bin/sh\ncat >/dev/null\necho 'Secret=" + HELPER_SECRET + " is not json'\n");
        helper("flood", "#!/bin/sh\ncat >/dev/null\nexec yes " + HELPER_SECRET + "\n");
        writeConfig("""
                {"credHelpers": {"a.test": "broken", "b.test": "slow", "c.test": "chatty", "d.test": "absent",
                                 "e.test": "flood", "f.test": "../../bin/sh"}}""");
        DockerConfigCredentials credentials = new DockerConfigCredentials(config, Map.of("PATH", bin + ":/usr/bin:/bin"), Duration.ofSeconds(2));

        assertThatThrownBy(() -> credentials.find("a.test")).isInstanceOf(RegistryException.class)
                .hasMessage("credential helper docker-credential-broken failed for a.test (exit 3): store locked: unlock it first");
        assertThatThrownBy(() -> credentials.find("b.test"))
                .hasMessage("credential helper docker-credential-slow did not answer for b.test within 2 s");
        assertThatThrownBy(() -> credentials.find("c.test"))
                .hasMessage("credential helper docker-credential-chatty for c.test did not print JSON");
        assertThatThrownBy(() -> credentials.find("d.test"))
                .hasMessage("credential helper docker-credential-absent for d.test is not installed (not on PATH)");
        assertThatThrownBy(() -> credentials.find("e.test"))
                .hasMessage("credential helper docker-credential-flood for e.test printed more than 64 KiB");
        assertThatThrownBy(() -> credentials.find("f.test"))
                .hasMessageContaining("is not a helper name");
    }

    @Test
    void aBrokenConfigIsNamedByFileAndPlaceWithoutItsContent() throws Exception {
        writeConfig("{\"auths\": {\"x.test\": {\"auth\": \"" + PASSWORD + "\"\n");
        assertThatThrownBy(() -> credentials().find("x.test")).isInstanceOf(RegistryException.class)
                .hasMessageStartingWith(config.resolve("config.json") + ":")
                .hasMessageEndingWith(": not valid JSON")
                .hasMessageNotContaining(PASSWORD);

        writeConfig("{\"auths\": {\"x.test\": {\"auth\": \"" + PASSWORD + "!\"}}}");
        assertThatThrownBy(() -> credentials().find("x.test"))
                .hasMessage(config.resolve("config.json") + ": auths entry for x.test: \"auth\" is not base64");

        writeConfig("{\"auths\": {\"x.test\": {\"auth\": \"" + Base64.getEncoder().encodeToString(PASSWORD.getBytes()) + "\"}}}");
        assertThatThrownBy(() -> credentials().find("x.test"))
                .hasMessage(config.resolve("config.json") + ": auths entry for x.test: \"auth\" is not base64 of user:password");
    }

    @Test
    void noSecretInAnyLogLineMessageOrToString() throws Exception {
        helper("leaky", "#!/bin/sh\ncat >/dev/null\necho '" + PASSWORD + " " + HELPER_SECRET + "'\n");
        writeConfig("""
                {"credHelpers": {"registry.test:5443": "envtest", "leak.test": "leaky"},
                 "auths": {"10.254.77.1:5443": {"auth": "%s"}, "bad.test": {"auth": "%s"}}}"""
                .formatted(basic("envboard", PASSWORD), PASSWORD + "%%"));
        List<String> seen = new ArrayList<>();
        String log;
        try (LogCapture capture = LogCapture.start()) {
            DockerConfigCredentials credentials = credentials();
            for (String registry : List.of("10.254.77.1:5443", "registry.test:5443", "leak.test", "bad.test", "none.test")) {
                try {
                    Optional<RegistryAuth> auth = credentials.find(registry);
                    seen.add(String.valueOf(auth));
                } catch (RegistryException e) {
                    seen.add(e.getMessage());
                }
            }
            log = capture.text();
        }

        assertThat(seen).as("logins found and refusals").hasSize(5)
                .anySatisfy(s -> assertThat(s).contains("user envboard", "secret hidden"))
                .anySatisfy(s -> assertThat(s).contains("user alice"))
                .anySatisfy(s -> assertThat(s).contains("docker-credential-leaky", "did not print JSON"))
                .anySatisfy(s -> assertThat(s).contains("bad.test", "not base64"));
        assertThat(log).as("the capture saw the lookups").contains("login for 10.254.77.1:5443", "login for registry.test:5443");
        for (String text : seen) {
            assertThat(text).doesNotContain(PASSWORD, HELPER_SECRET);
        }
        assertThat(log).doesNotContain(PASSWORD, HELPER_SECRET, basic("envboard", PASSWORD));
    }

    @Test
    void dockerConfigOrHomeAsTheCliFindsIt() {
        assertThat(DockerConfigCredentials.defaultConfigDir(Map.of("DOCKER_CONFIG", "/srv/ci/docker"), Path.of("/home/u")))
                .isEqualTo(Path.of("/srv/ci/docker"));
        assertThat(DockerConfigCredentials.defaultConfigDir(Map.of(), Path.of("/home/u"))).isEqualTo(Path.of("/home/u/.docker"));
        assertThat(DockerConfigCredentials.defaultConfigDir(Map.of("DOCKER_CONFIG", " "), Path.of("/home/u")))
                .isEqualTo(Path.of("/home/u/.docker"));
    }

    private DockerConfigCredentials credentials() {
        // Only this test's helpers, plus what their scripts need (sh, cat, printf, sleep, yes).
        return new DockerConfigCredentials(config, Map.of("PATH", bin + ":/usr/bin:/bin"), Duration.ofSeconds(10));
    }

    private void helper(String name, String script) throws IOException {
        Path file = bin.resolve("docker-credential-" + name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    private void writeConfig(String json) throws IOException {
        Files.writeString(config.resolve("config.json"), json);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
