package dev.envboard.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/** The key files to log in with: the target's identity, or the usual ones in ~/.ssh that exist. */
final class ClientKeys {
    /** In the order OpenSSH tries them. */
    private static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Path userSshDir;

    ClientKeys(Path userSshDir) {
        this.userSshDir = userSshDir;
    }

    List<Path> files(SshTarget target) {
        if (target.identity() != null) {
            return List.of(target.identity());
        }
        return DEFAULT_NAMES.stream().map(userSshDir::resolve).filter(Files::isRegularFile).toList();
    }

    /** Loads them up front, so that a missing or unreadable key is named instead of "auth failed". */
    List<KeyPair> load(String target, List<Path> files) throws SshException {
        if (files.isEmpty()) {
            throw new SshException("ssh " + target + ": no key to log in with (no identity configured, and none of "
                    + DEFAULT_NAMES + " in " + userSshDir + ")");
        }
        List<KeyPair> keys = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new SshException("ssh " + target + ": cannot read key " + file
                        + (Files.exists(file) ? " (permission denied)" : " (no such file)"));
            }
            try {
                new FileKeyPairProvider(file).loadKeys(null).forEach(keys::add);
            } catch (RuntimeException e) {
                // Encrypted keys land here too: there is no passphrase prompt (yet).
                throw new SshException("ssh " + target + ": cannot load key " + file + ": " + describe(e), e);
            }
        }
        return keys;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
