package dev.envboard.registry.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.registry.RegistryAuth;
import dev.envboard.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One {@code docker-credential-NAME get} by the docker-credential-helpers protocol: the server URL
 * on stdin, {@code {"ServerURL", "Username", "Secret"}} on stdout. Time and output are bounded;
 * what the helper printed is never put in a message once it could hold a secret.
 */
final class CredentialHelper {
    /** docker-credential-helpers' words (credentials.errCredentialsNotFoundMessage) for "none". */
    static final String NOT_FOUND = "credentials not found in native keychain";
    /** docker login keeps an identity token under this user name. */
    static final String TOKEN_USER = "<token>";
    static final int MAX_OUTPUT = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Map<String, String> environment;
    private final Duration timeout;

    /** @param environment the helper's environment (PATH among it, which also finds the helper) */
    CredentialHelper(String name, Map<String, String> environment, Duration timeout) {
        this.name = name;
        this.environment = environment;
        this.timeout = timeout;
    }

    String program() {
        return "docker-credential-" + name;
    }

    Optional<RegistryAuth> get(String registry) throws RegistryException {
        if (!NAME.matcher(name).matches()) {
            throw new RegistryException("credential helper \"" + name + "\" for " + registry
                    + " is not a helper name (letters, digits, . _ -)");
        }
        Path executable = find().orElseThrow(() -> new RegistryException("credential helper " + program() + " for "
                + registry + " is not installed (not on PATH)"));
        ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString(), "get")).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RegistryException("credential helper " + program() + " for " + registry + " cannot run: " + e.getMessage(), e);
        }
        try {
            byte[] output = run(process, RegistryKeys.serverUrl(registry), registry);
            if (process.exitValue() != 0) {
                String text = new String(output, StandardCharsets.UTF_8).trim();
                if (text.contains(NOT_FOUND)) {
                    return Optional.empty();
                }
                // A failing helper prints its error, not credentials; still, only a short first line.
                throw new RegistryException("credential helper " + program() + " failed for " + registry
                        + " (exit " + process.exitValue() + ")" + firstLine(text));
            }
            return Optional.of(parse(output, registry));
        } finally {
            process.destroyForcibly();
        }
    }

    private byte[] run(Process process, String serverUrl, String registry) throws RegistryException {
        FutureTask<byte[]> reader = new FutureTask<>(() -> readBounded(process.getInputStream()));
        Thread thread = new Thread(reader, program() + " reader");
        thread.setDaemon(true);
        thread.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The helper may exit without reading; its exit code and output tell the rest.
        }
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] output = reader.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (output.length > MAX_OUTPUT) {
                throw new RegistryException("credential helper " + program() + " for " + registry
                        + " printed more than " + MAX_OUTPUT / 1024 + " KiB");
            }
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw timedOut(registry);
            }
            return output;
        } catch (TimeoutException e) {
            throw timedOut(registry);
        } catch (ExecutionException e) {
            throw new RegistryException("credential helper " + program() + " for " + registry
                    + ": cannot read its output: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while asking " + program() + " for " + registry, e);
        }
    }

    private RegistryException timedOut(String registry) {
        return new RegistryException("credential helper " + program() + " did not answer for " + registry
                + " within " + timeout.toSeconds() + " s");
    }

    /** Up to one byte more than allowed, so that too much shows. */
    private static byte[] readBounded(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAX_OUTPUT + 1);
        }
    }

    private RegistryAuth parse(byte[] output, String registry) throws RegistryException {
        JsonNode json;
        try {
            json = JSON.readTree(output);
        } catch (IOException e) {
            // Not the parser's message: it quotes the text, which may be the secret.
            throw new RegistryException("credential helper " + program() + " for " + registry + " did not print JSON");
        }
        String user = text(json, "Username");
        String secret = text(json, "Secret");
        if (json == null || secret == null || secret.isEmpty()) {
            throw new RegistryException("credential helper " + program() + " for " + registry
                    + " printed no Secret (expected {\"ServerURL\", \"Username\", \"Secret\"})");
        }
        if (TOKEN_USER.equals(user)) {
            return new RegistryAuth(registry, null, null, secret);
        }
        return new RegistryAuth(registry, user, secret, null);
    }

    private static String text(JsonNode json, String field) {
        return json != null && json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static String firstLine(String text) {
        if (text.isEmpty()) {
            return "";
        }
        String line = text.lines().findFirst().orElse("").strip();
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    /** Through the PATH the helper gets, as a shell would (ProcessBuilder looks in the JVM's own). */
    private Optional<Path> find() {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program());
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
