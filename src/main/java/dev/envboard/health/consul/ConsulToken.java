package dev.envboard.health.consul;

import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.TokenFilePermissions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * A pool's ACL token, read when a request is about to be sent: from an environment variable, or
 * from a file that must be its owner's alone (re-read when it changes, so a rotated token is
 * picked up). It never appears in toString, messages or logs.
 */
public final class ConsulToken {
    /** Consul tokens are UUIDs; anything much larger is not a token file. */
    private static final int MAX_BYTES = 4096;

    private final String envName;
    private final Path file;
    private final Map<String, String> env;
    private String cached;
    private FileTime cachedModified;
    private long cachedSize = -1;
    private volatile String lastGiven;

    private ConsulToken(String envName, Path file, Map<String, String> env) {
        this.envName = envName;
        this.file = file;
        this.env = env;
    }

    public static ConsulToken of(ConsulSpec spec, Map<String, String> env) {
        return new ConsulToken(spec.tokenEnv(), spec.tokenFile(), Map.copyOf(env));
    }

    /** The token to send, or empty when the pool names no token source (a Consul without ACLs). */
    public synchronized Optional<String> current() throws TokenUnavailableException {
        String token;
        if (envName != null) {
            token = env.get(envName);
            if (token == null || token.isBlank()) {
                throw new TokenUnavailableException("the environment variable " + envName
                        + (token == null ? " that should hold the Consul token is not set" : " that should hold the Consul token is empty"));
            }
        } else if (file != null) {
            token = fromFile();
        } else {
            return Optional.empty();
        }
        lastGiven = token.strip();
        return Optional.of(lastGiven);
    }

    private String fromFile() throws TokenUnavailableException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Optional<String> problem = TokenFilePermissions.problem(file);
            if (problem.isPresent()) {
                throw new TokenUnavailableException(problem.get());
            }
            if (attributes.size() > MAX_BYTES) {
                throw new TokenUnavailableException("token file " + file + " is " + attributes.size() + " bytes: not a Consul token");
            }
            if (cached == null || !attributes.lastModifiedTime().equals(cachedModified) || attributes.size() != cachedSize) {
                String text;
                try (InputStream in = Files.newInputStream(file)) {
                    text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8).strip();
                }
                if (text.isEmpty()) {
                    throw new TokenUnavailableException("token file " + file + " is empty");
                }
                cached = text;
                cachedModified = attributes.lastModifiedTime();
                cachedSize = attributes.size();
            }
            return cached;
        } catch (NoSuchFileException e) {
            throw new TokenUnavailableException("token file " + file + " does not exist");
        } catch (TokenUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new TokenUnavailableException("token file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Replaces the token in a text that came from elsewhere (an error body, an exception), should it be there. */
    public String redact(String text) {
        String token = lastGiven;
        if (text == null || token == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token, "***");
    }

    /** Where the token comes from: {@code $NAME}, a file path, or "no token". */
    public String source() {
        if (envName != null) {
            return "$" + envName;
        }
        return file != null ? file.toString() : "no token";
    }

    @Override
    public String toString() {
        return "ConsulToken[" + source() + "]";
    }
}
