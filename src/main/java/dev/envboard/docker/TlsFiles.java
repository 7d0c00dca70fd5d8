package dev.envboard.docker;

import com.github.dockerjava.core.SSLConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Builds the TLS context from a DOCKER_CERT_PATH-style directory, failing closed: docker-java
 * silently falls back to plain HTTP when a file is missing, so every file is checked first.
 */
final class TlsFiles {
    static final List<String> REQUIRED = List.of("ca.pem", "cert.pem", "key.pem");

    private TlsFiles() {
    }

    static SSLConfig load(Path dir) {
        SSLContext context = context(dir);
        return () -> context;
    }

    /** The checked TLS context itself, for clients other than docker-java's. */
    static SSLContext context(Path dir) {
        for (String name : REQUIRED) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new EndpointRefusedException("TLS file " + file + " is missing; refusing to connect without it");
            }
            if (!Files.isReadable(file)) {
                throw new EndpointRefusedException("TLS file " + file + " is not readable; refusing to connect without it");
            }
        }
        SSLContext context;
        try {
            context = PemTls.context(dir);
        } catch (Exception | LinkageError e) {
            throw new EndpointRefusedException("TLS files in " + dir + " could not be used: " + e.getMessage(), e);
        }
        if (context == null) {
            throw new EndpointRefusedException("TLS files in " + dir + " could not be used; refusing to connect");
        }
        return context;
    }
}
