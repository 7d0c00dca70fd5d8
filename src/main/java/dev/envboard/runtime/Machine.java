package dev.envboard.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine as others see it in records kept in the pool: user names repeat across laptops and
 * CI runners, so "who" is the user name with the machine's hostname.
 */
public final class Machine {
    private static final String UNKNOWN = "unknown-host";

    private Machine() {
    }

    /** {@code alice@laptop-7}. */
    public static String who(String user) {
        return user + "@" + hostname();
    }

    /**
     * The kernel's hostname: no name lookup, which can hang on a machine whose DNS is down
     * (InetAddress.getLocalHost resolves the name it gets).
     */
    public static String hostname() {
        for (Path file : new Path[] {Path.of("/proc/sys/kernel/hostname"), Path.of("/etc/hostname")}) {
            try {
                String name = Files.readString(file).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException notThere) {
                // not Linux, or not readable: the next source
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }
}
