package dev.envboard.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Adds a host key to a known_hosts file. MINA writes the entry text ({@code host} or
 * {@code [host]:port}, then the key); MINA's own file update only runs inside a live key
 * exchange, and creates the file without restricting its mode, so the append is done here.
 */
final class KnownHostsFile {
    private final Path file;

    KnownHostsFile(Path file) {
        this.file = file;
    }

    /** The line OpenSSH would write for this host and key. */
    static String entry(String host, int port, PublicKey key) throws IOException {
        StringBuilder line = KnownHostHashValue.appendHostPattern(new StringBuilder(), host, port);
        return PublicKeyEntry.appendPublicKeyEntry(line.append(' '), key).toString();
    }

    /**
     * Appends the key unless it is there already. Refuses when the file holds a different key for
     * the host: that is the changed-key case, which must be resolved by a person, not by a click.
     */
    void add(String host, int port, PublicKey key) throws IOException, SshException {
        for (KnownHostEntry existing : entries()) {
            if (!existing.isHostMatch(host, port)) {
                continue;
            }
            PublicKey known = keyOf(existing);
            if (known != null && KeyUtils.compareKeys(known, key)) {
                return;
            }
            throw new SshException(file + " already has a different key for " + KnownHostHashValue.createHostPattern(host, port)
                    + " (" + existing.getConfigLine() + "); remove that line yourself if the host was really reinstalled");
        }
        createIfMissing();
        String text = entry(host, port, key) + "\n";
        if (needsLeadingNewline()) {
            text = "\n" + text;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private List<KnownHostEntry> entries() throws IOException {
        return Files.exists(file) ? KnownHostEntry.readKnownHostEntries(file) : List.of();
    }

    private static PublicKey keyOf(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry() == null ? null
                    : entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException e) {
            return null; // a line MINA cannot decode cannot be the key we are adding either
        }
    }

    private void createIfMissing() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private boolean needsLeadingNewline() throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(size - 1);
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last);
            return last.get(0) != '\n';
        }
    }
}
