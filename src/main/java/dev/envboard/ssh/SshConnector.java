package dev.envboard.ssh;

import dev.envboard.runtime.OffFxThread;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens SSH sessions with public-key login and strict host key checking (Apache MINA SSHD). Owns
 * one client, started at the first session (starting it registers security providers, which costs
 * a command that never logs in, like {@code nodes}, half a second); close it when the application ends. Every wait is bounded: connect, login
 * and each command have their own timeout.
 */
public final class SshConnector implements AutoCloseable {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(20);

    /** Started at the first session; null before that and after close. */
    private SshClient client;
    private boolean closed;
    private final Duration connectTimeout;
    private final Duration authTimeout;
    private final Duration commandTimeout;
    private final ClientKeys keys;
    private final Path defaultKnownHosts;

    public SshConnector() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_AUTH_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    public SshConnector(Duration connectTimeout, Duration authTimeout, Duration commandTimeout) {
        this(connectTimeout, authTimeout, commandTimeout, PublicKeyEntry.getDefaultKeysFolderPath(),
                KnownHostEntry.getDefaultKnownHostsFile());
    }

    /**
     * @param userSshDir        where the default keys are looked for (~/.ssh)
     * @param defaultKnownHosts used for targets that name no known_hosts file (~/.ssh/known_hosts)
     */
    public SshConnector(Duration connectTimeout, Duration authTimeout, Duration commandTimeout,
                        Path userSshDir, Path defaultKnownHosts) {
        this.connectTimeout = connectTimeout;
        this.authTimeout = authTimeout;
        this.commandTimeout = commandTimeout;
        this.keys = new ClientKeys(userSshDir);
        this.defaultKnownHosts = defaultKnownHosts;
    }

    private synchronized SshClient client() throws SshException {
        if (closed) {
            throw new SshException("SSH is closed: the application is ending");
        }
        if (client == null) {
            SshClient created = SshClient.setUpDefaultClient();
            // Only pools.yaml decides where and how we log in: no ~/.ssh/config, no agent, no passwords.
            created.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            created.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            created.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
            created.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
            created.setServerKeyVerifier(new HostKeyCheck());
            CoreModuleProperties.IO_CONNECT_TIMEOUT.set(created, connectTimeout);
            // Each command is a few small packets back and forth; Nagle's delay would add ~200 ms to each.
            CoreModuleProperties.TCP_NODELAY.set(created, true);
            created.start();
            client = created;
        }
        return client;
    }

    /** {@code user@host:port}, the way every message names the target. */
    static String name(SshTarget target) {
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return target.user() + "@" + host + ":" + target.port();
    }

    /** The known_hosts file checked for this target. */
    public Path knownHostsOf(SshTarget target) {
        return target.knownHosts() != null ? target.knownHosts() : defaultKnownHosts;
    }

    /**
     * Connects and logs in.
     *
     * @throws UnknownHostKeyException when the host's key is not in known_hosts (nothing was sent
     *                                 to the host but the key exchange)
     * @throws SshException            on any other failure, including a host key that differs
     *                                 from the one in known_hosts
     */
    public SshSession open(SshTarget target) throws SshException {
        OffFxThread.check("SshConnector.open");
        List<Path> keyFiles = keys.files(target);
        List<KeyPair> identities = keys.load(name(target), keyFiles);
        ClientSession session = new Login(client(), target, knownHostsOf(target), connectTimeout, authTimeout)
                .run(identities, keyFiles);
        return new SshSession(name(target), session, commandTimeout);
    }

    /**
     * Trusts a host key from now on, after the user compared its fingerprint: appends it to the
     * target's known_hosts file (created with mode 0600 if missing).
     *
     * @param expectedFingerprint the fingerprint the user was shown; the key is refused if it
     *                            does not match, so a different key cannot slip in
     */
    public synchronized void acceptHostKey(SshTarget target, PublicKey key, String expectedFingerprint) throws SshException {
        OffFxThread.check("SshConnector.acceptHostKey");
        String actual = KeyUtils.getFingerPrint(key);
        if (expectedFingerprint == null || !expectedFingerprint.equals(actual)) {
            throw new SshException("ssh " + name(target) + ": host key " + actual
                    + " is not the one that was shown (" + expectedFingerprint + "); not added");
        }
        Path file = knownHostsOf(target);
        try {
            new KnownHostsFile(file).add(target.host(), target.port(), key);
        } catch (IOException e) {
            throw new SshException("ssh " + name(target) + ": cannot add the host key to " + file + ": " + SshErrors.describe(e), e);
        } catch (SshException e) {
            throw new SshException("ssh " + name(target) + ": " + e.getMessage(), e);
        }
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.stop();
            client = null;
        }
    }
}
