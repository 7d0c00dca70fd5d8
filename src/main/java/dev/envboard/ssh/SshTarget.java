package dev.envboard.ssh;

import java.nio.file.Path;

/** Where and as whom to log in to a host to edit its daemon.json. */
public record SshTarget(String user, String host, int port, Path identity, Path knownHosts) {

    public static final int DEFAULT_PORT = 22;

    @Override
    public String toString() {
        return user + "@" + host + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
