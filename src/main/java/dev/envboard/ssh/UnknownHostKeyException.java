package dev.envboard.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The host presented a key that is not in known_hosts. Never trusted silently: the caller shows
 * {@link #fingerprint()} to the user and, if they confirm it, calls
 * {@link SshConnector#acceptHostKey}.
 */
public class UnknownHostKeyException extends SshException {
    private final String host;
    private final int port;
    private final String keyType;
    private final String fingerprint;
    private final transient PublicKey key;
    private final Path knownHosts;

    public UnknownHostKeyException(String target, String host, int port, String keyType, String fingerprint,
                                   PublicKey key, Path knownHosts) {
        super("ssh " + target + ": the host key is not known (" + keyType + " " + fingerprint
                + ", not in " + knownHosts + "); check the fingerprint and accept it to continue");
        this.host = host;
        this.port = port;
        this.keyType = keyType;
        this.fingerprint = fingerprint;
        this.key = key;
        this.knownHosts = knownHosts;
    }

    /** Finds one in a cause chain, e.g. under a LabelChangeException. */
    public static Optional<UnknownHostKeyException> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostKeyException unknown) {
                return Optional.of(unknown);
            }
        }
        return Optional.empty();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** As ssh names it, e.g. {@code ssh-ed25519}. */
    public String keyType() {
        return keyType;
    }

    /** {@code SHA256:...}, as {@code ssh-keygen -lf} prints it. */
    public String fingerprint() {
        return fingerprint;
    }

    public PublicKey key() {
        return key;
    }

    /** The file the key would be added to. */
    public Path knownHosts() {
        return knownHosts;
    }
}
