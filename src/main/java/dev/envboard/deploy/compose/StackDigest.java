package dev.envboard.deploy.compose;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over the bytes of every file a stack was read from, in the order read. */
final class StackDigest {
    private final MessageDigest sha256;

    StackDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void add(byte[] fileBytes) {
        sha256.update(fileBytes);
    }

    String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
