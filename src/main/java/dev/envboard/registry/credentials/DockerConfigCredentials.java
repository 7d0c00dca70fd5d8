package dev.envboard.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.registry.RegistryAuth;
import dev.envboard.registry.RegistryCredentials;
import dev.envboard.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Logins as the docker CLI keeps them, in {@code config.json} of a docker config directory:
 * {@code credHelpers} (a helper per registry), {@code credsStore} (one helper for all), and
 * {@code auths} ({@code auth}: base64 of user:password, or {@code identitytoken}). A helper comes
 * first, as in docker; when it knows no login, an {@code auths} entry that carries one is used.
 * The file is read on every {@link #find}, so a {@code docker login} meanwhile counts.
 */
public final class DockerConfigCredentials implements RegistryCredentials {
    public static final Duration DEFAULT_HELPER_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_CONFIG_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(DockerConfigCredentials.class.getName());

    private final Path configDir;
    private final Map<String, String> helperEnvironment;
    private final Duration helperTimeout;

    /**
     * @param configDir         the docker config directory (holding config.json)
     * @param helperEnvironment the environment credential helpers run with (and whose PATH finds them)
     */
    public DockerConfigCredentials(Path configDir, Map<String, String> helperEnvironment, Duration helperTimeout) {
        this.configDir = configDir;
        this.helperEnvironment = Map.copyOf(helperEnvironment);
        this.helperTimeout = helperTimeout;
    }

    /** The config in {@code configDir}, helpers run with this process's environment. */
    public DockerConfigCredentials(Path configDir) {
        this(configDir, System.getenv(), DEFAULT_HELPER_TIMEOUT);
    }

    /** A pool's own {@code registry-config:} directory, or else the user's ({@link #defaultConfigDir}). */
    public static DockerConfigCredentials forDir(Path poolConfigDirOrNull) {
        return new DockerConfigCredentials(poolConfigDirOrNull != null ? poolConfigDirOrNull
                : defaultConfigDir(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** {@code DOCKER_CONFIG}, or {@code ~/.docker}, as the docker CLI looks for it. */
    public static Path defaultConfigDir(Map<String, String> environment, Path home) {
        String dir = environment.get("DOCKER_CONFIG");
        return dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".docker");
    }

    public Path configFile() {
        return configDir.resolve("config.json");
    }

    @Override
    public Optional<RegistryAuth> find(String registry) throws RegistryException {
        JsonNode config = read();
        if (config == null) {
            return Optional.empty();
        }
        Optional<String> helper = entry(config.path("credHelpers"), registry).map(JsonNode::asText)
                .or(() -> Optional.ofNullable(config.path("credsStore").textValue()))
                .filter(name -> !name.isBlank());
        if (helper.isPresent()) {
            Optional<RegistryAuth> fromHelper = new CredentialHelper(helper.get().trim(), helperEnvironment, helperTimeout)
                    .get(registry);
            if (fromHelper.isPresent()) {
                logFound(fromHelper.get(), "credential helper docker-credential-" + helper.get().trim());
                return fromHelper;
            }
        }
        Optional<JsonNode> entry = entry(config.path("auths"), registry);
        Optional<RegistryAuth> auth = entry.isPresent() ? fromAuths(entry.get(), registry) : Optional.empty();
        auth.ifPresentOrElse(a -> logFound(a, "auths in " + configFile()),
                () -> LOG.fine(() -> "no login for " + registry + " in " + configFile()));
        return auth;
    }

    private static void logFound(RegistryAuth auth, String source) {
        // RegistryAuth prints without its secret.
        LOG.fine(() -> "login for " + auth.registry() + " from " + source + ": " + auth);
    }

    /** The entry whose key names {@code registry}; an exact key wins over a spelled-differently one. */
    private static Optional<JsonNode> entry(JsonNode map, String registry) {
        if (!map.isObject()) {
            return Optional.empty();
        }
        if (map.has(registry)) {
            return Optional.of(map.get(registry));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (RegistryKeys.matches(field.getKey(), registry)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    private Optional<RegistryAuth> fromAuths(JsonNode entry, String registry) throws RegistryException {
        String user = text(entry, "username");
        String password = text(entry, "password");
        String encoded = text(entry, "auth");
        if (encoded != null && !encoded.isBlank()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Its content is the secret: only where it is goes in the message.
                throw new RegistryException(configFile() + ": auths entry for " + registry + ": \"auth\" is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RegistryException(configFile() + ": auths entry for " + registry
                        + ": \"auth\" is not base64 of user:password");
            }
            user = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        String token = text(entry, "identitytoken");
        if (token != null && !token.isBlank()) {
            return Optional.of(new RegistryAuth(registry, user, null, token));
        }
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            return Optional.empty(); // {} as docker writes it when a credsStore holds the login
        }
        return Optional.of(new RegistryAuth(registry, user, password, null));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** null when there is no config.json (no login is not an error). */
    private JsonNode read() throws RegistryException {
        Path file = configFile();
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new RegistryException(file + " is larger than " + MAX_CONFIG_BYTES / 1024 + " KiB; not a docker config");
            }
            JsonNode json = JSON.readTree(Files.readAllBytes(file));
            if (json == null || !json.isObject()) {
                throw new RegistryException(file + " is not a docker config (a JSON object)");
            }
            return json;
        } catch (NoSuchFileException e) {
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Line and column only: the parser's message quotes the file, which holds secrets.
            var at = e.getLocation();
            throw new RegistryException(file + (at != null ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "")
                    + ": not valid JSON");
        } catch (IOException e) {
            throw new RegistryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
