package dev.envboard.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * A file holding a secret must be its owner's alone (mode 0600 or stricter), as ssh insists for
 * private keys. Checked when the config is read (if the file is there) and again when connecting.
 */
public final class TokenFilePermissions {
    private static final Set<PosixFilePermission> OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private TokenFilePermissions() {
    }

    /** Why the file may not hold a token, or empty when it may; a file system without modes passes. */
    public static Optional<String> problem(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
        if (permissions.stream().noneMatch(OTHERS::contains)) {
            return Optional.empty();
        }
        return Optional.of("token file " + file + " has mode " + octal(permissions)
                + ", open to other users; make it yours alone: chmod 600 " + file);
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}
