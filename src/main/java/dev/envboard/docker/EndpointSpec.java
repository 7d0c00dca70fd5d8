package dev.envboard.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach one Docker engine: a {@code unix://} socket or {@code tcp://host:port},
 * optionally with a TLS certificate directory (ca.pem, cert.pem, key.pem, as DOCKER_CERT_PATH).
 */
public record EndpointSpec(URI uri, Path tlsDir, boolean insecure) {

    public EndpointSpec {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("unix") && !scheme.equals("tcp")) {
            throw new IllegalArgumentException("unknown scheme \"" + uri.getScheme() + "\" (use unix:// or tcp://)");
        }
        if (scheme.equals("tcp") && (uri.getHost() == null || uri.getPort() < 0)) {
            throw new IllegalArgumentException("a tcp endpoint needs host and port, e.g. tcp://10.0.0.5:2376");
        }
        if (scheme.equals("unix") && (uri.getPath() == null || uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("a unix endpoint needs a socket path, e.g. unix:///var/run/docker.sock");
        }
    }

    public static EndpointSpec parse(String text, Path tlsDir, boolean insecure) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid endpoint URI: " + text);
        }
        return new EndpointSpec(uri, tlsDir, insecure);
    }

    public boolean isUnix() {
        return "unix".equalsIgnoreCase(uri.getScheme());
    }

    public boolean usesTls() {
        return tlsDir != null;
    }

    public Optional<String> host() {
        return isUnix() ? Optional.empty() : Optional.of(uri.getHost());
    }

    /** Plain tcp to another machine sends the engine's root-equivalent API in clear. */
    public boolean isPlainRemote() {
        return !isUnix() && !usesTls() && !Loopback.isLoopback(uri.getHost());
    }

    @Override
    public String toString() {
        return uri + (usesTls() ? " (TLS)" : "");
    }
}
