package dev.envboard.pool.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Labels;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.ssh.SshConnector;
import dev.envboard.ssh.SshTarget;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.ThrottlingTcpProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure paths of a daemon.json change, made real on a sandbox host: a reload that leaves
 * the engine as it was, an SSH connection cut while the new file is on its way, and an edit by
 * someone else between Envboard's read and its write. Outcomes are read from the file on disk
 * (the sandbox's hosts live on this machine) and from {@code docker info}.
 */
@ExtendWith(SandboxExtension.class)
class EngineLabelFailurePathsSandboxTest {
    /** host-2: other tests send SIGHUPs to host-1, which would apply labels behind this test's back. */
    private static final String HOST = "envboard-host-2";
    private static final Duration LONG = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private DaemonJsonGuard guard;
    private DockerClients clients;
    private SshConnector ssh;
    private Sandbox sandbox;
    private EngineSpec engine;

    @TempDir
    Path temp;

    @BeforeEach
    void rememberTheHost(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        clients = new DockerClients();
        ssh = new SshConnector();
        engine = new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile()).pool("sandbox-hosts").orElseThrow()
                .engines().stream().filter(e -> e.name().equals(HOST)).findFirst().orElseThrow();
        guard = new DaemonJsonGuard(sandbox, List.of(HOST));
    }

    @AfterEach
    void putTheHostBack() throws Exception {
        background.shutdownNow();
        try {
            guard.restore();
        } finally {
            ssh.close();
            clients.close();
        }
    }

    @Test
    void aReloadThatLeavesTheEngineUnchangedIsRolledBackToTheSameBytesAndLabels() throws Exception {
        guard.setEnvironment(HOST, "demo"); // two labels, so that the engine's order can differ from the file's
        byte[] before = Files.readAllBytes(daemonJson());
        String shaBefore = sha256(daemonJson());
        Set<String> labelsBefore = new TreeSet<>(guard.liveLabels(HOST));
        assertThat(labelsBefore).containsExactly("environment=demo", "owner=platform");
        EngineSpec noReload = new EngineSpec(engine.name(), engine.endpoint(), engine.address(), engine.ssh(), engine.daemonJson(), "true");
        EngineLabelWriter writer = new EngineLabelWriter(noReload, ssh, liveLabels(), Duration.ofSeconds(1),
                EngineLabelWriter.DEFAULT_POLL_INTERVAL, Clock.systemUTC());

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class, () -> writer.write("environment", "qa"));

        assertThat(e).hasMessage(HOST + ": the engine did not show environment=qa within 1 s after `true` (it shows environment=demo);"
                + " the original " + daemonJson() + " was restored and the engine reloaded");
        assertThat(sha256(daemonJson())).as("SHA-256 of the file on disk").isEqualTo(shaBefore);
        assertThat(Files.readAllBytes(daemonJson())).isEqualTo(before);
        assertThat(new TreeSet<>(guard.liveLabels(HOST))).as("docker info, as a set").isEqualTo(labelsBefore);
        assertThat(guard.newBackups(HOST)).singleElement().satisfies(backup -> assertThat(Files.readAllBytes(backup)).isEqualTo(before));
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void anSshConnectionCutWhileTheNewFileIsOnItsWayLeavesTheOldFileWholeAndNoTempFile() throws Exception {
        byte[] old = largeDaemonJson();
        byte[] next = newContent(old);
        ThrottlingTcpProxy proxy = new ThrottlingTcpProxy(sshAddress(), 64 * 1024);
        FileSampler sampler = FileSampler.start(daemonJson(), content -> Arrays.equals(content, old) || Arrays.equals(content, next));
        try {
            EngineLabelWriter writer = new EngineLabelWriter(through(proxy), ssh, liveLabels(), Clock.systemUTC());
            Future<LabelChangeException> outcome = background.submit(
                    () -> catchThrowableOfType(LabelChangeException.class, () -> writer.write("environment", "qa")));

            // The new content is half-way into its temp file beside daemon.json: now the network breaks.
            Path half = await().atMost(LONG).pollInterval(Duration.ofMillis(5)).until(this::tempFile,
                    t -> t.isPresent() && sizeOf(t.get()) > 0 && sizeOf(t.get()) < next.length).orElseThrow();
            proxy.cut();
            long partial = sizeOf(half);
            byte[] atTheCut = Files.readAllBytes(daemonJson());

            LabelChangeException e = outcome.get(LONG.toSeconds(), TimeUnit.SECONDS);
            assertThat(partial).as("the temp file was partial when the connection broke").isBetween(1L, next.length - 1L);
            assertThat(atTheCut).as("daemon.json while its successor was half-written").isEqualTo(old);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).startsWith(HOST + ": writing " + daemonJson() + " failed: ")
                    .endsWith("; " + daemonJson() + " was not changed");
            await().atMost(LONG).until(() -> tempFiles().isEmpty()); // the script on the host cleans up once its input ends
            assertThat(Files.readAllBytes(daemonJson())).isEqualTo(old);
            assertThat(json.readTree(daemonJson().toFile()).get("labels")).hasSize(countLabels(old));
            assertThat(guard.newBackups(HOST)).as("the old file was never about to be replaced").isEmpty();
        } finally {
            proxy.close();
            sampler.stop();
        }
        assertThat(sampler.reads()).as("daemon.json was read again and again meanwhile").isGreaterThan(10);
        assertThat(sampler.unexpected()).as("every read was the old or the new file, never a part").isEmpty();
    }

    @Test
    void anSshConnectionCutAsTheFileIsRenamedLeavesAWholeFileAndTheOriginalIsPutBack() throws Exception {
        byte[] old = largeDaemonJson();
        byte[] next = newContent(old);
        ThrottlingTcpProxy proxy = new ThrottlingTcpProxy(sshAddress(), 64 * 1024);
        FileSampler sampler = FileSampler.start(daemonJson(), content -> Arrays.equals(content, old) || Arrays.equals(content, next));
        try {
            EngineLabelWriter writer = new EngineLabelWriter(through(proxy), ssh, liveLabels(), Clock.systemUTC());
            Future<LabelChangeException> outcome = background.submit(
                    () -> catchThrowableOfType(LabelChangeException.class, () -> writer.write("environment", "qa")));

            // The backup is made right before the rename: the connection breaks between the two.
            await().atMost(LONG).pollInterval(Duration.ofMillis(2)).until(() -> !guard.newBackups(HOST).isEmpty());
            proxy.cut();
            byte[] atTheCut = Files.readAllBytes(daemonJson());

            LabelChangeException e = outcome.get(LONG.toSeconds(), TimeUnit.SECONDS);
            assertThat(atTheCut).as("daemon.json at the cut: the old or the new one").matches(c -> Arrays.equals(c, old) || Arrays.equals(c, next));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).startsWith(HOST + ": writing " + daemonJson() + " failed: ");
            await().atMost(LONG).until(() -> tempFiles().isEmpty());
            assertThat(Files.readAllBytes(daemonJson())).as("what the message says: " + e.getMessage()).isEqualTo(old);
            assertThat(e.getMessage()).matches(".*(was not changed|was restored and the engine reloaded)$");
        } finally {
            proxy.close();
            sampler.stop();
        }
        assertThat(sampler.unexpected()).as("every read was the old or the new file, never a part").isEmpty();
    }

    @Test
    void aFileEditedBySomeoneElseAfterEnvboardReadItIsNotReplacedAndTheirEditIsKept() throws Exception {
        byte[] original = Files.readAllBytes(daemonJson());
        String theirs = new String(original, StandardCharsets.UTF_8).replace("\"10m\"", "\"20m\"");
        assertThat(theirs).as("the sandbox's daemon.json looks as expected").contains("\"20m\"");
        Set<String> labelsBefore = new TreeSet<>(guard.liveLabels(HOST));
        LiveLabels engineLabels = liveLabels();
        AtomicBoolean edited = new AtomicBoolean();
        // Envboard asks the engine for its labels after reading the file and before writing it:
        // that is when the operator's editor saves.
        LiveLabels editingMeanwhile = () -> {
            if (edited.compareAndSet(false, true)) {
                Files.writeString(daemonJson(), theirs);
            }
            return engineLabels.read();
        };
        EngineLabelWriter writer = new EngineLabelWriter(engine, ssh, editingMeanwhile, Clock.systemUTC());

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class, () -> writer.write("environment", "qa"));

        assertThat(edited).isTrue();
        assertThat(e).hasMessage(HOST + ": " + daemonJson() + " was not written: it changed since Envboard read it;"
                + " nothing was changed, try again");
        assertThat(Files.readString(daemonJson())).as("their edit is kept").isEqualTo(theirs);
        assertThat(guard.newSiblings(HOST)).as("no backup, no temp file").isEmpty();
        assertThat(new TreeSet<>(guard.liveLabels(HOST))).isEqualTo(labelsBefore);
    }

    @Test
    void aTempFileLeftByAKilledWriteIsRemovedByTheNextWriteAndAFreshOneIsLeftAlone() throws Exception {
        Path stale = Files.writeString(daemonJson().resolveSibling("daemon.json.envboard-tmp-Stale1"), "{\"labels\": [\"half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(DaemonJsonFile.STALE_TEMP_MINUTES + 5))));
        Path fresh = Files.writeString(daemonJson().resolveSibling("daemon.json.envboard-tmp-Fresh1"), "{");

        new EngineLabelWriter(engine, ssh, liveLabels(), Clock.systemUTC()).write("environment", "qa");

        assertThat(guard.liveLabelMap(HOST)).containsEntry("environment", "qa");
        assertThat(stale).as("left by a write that was killed before it could clean up").doesNotExist();
        assertThat(fresh).as("another writer's, perhaps at work right now").exists();
    }

    /** daemon.json with ~150 KiB of extra labels, so that its upload takes a while through the slow proxy. */
    private byte[] largeDaemonJson() throws IOException {
        String original = new String(guard.original(HOST), StandardCharsets.UTF_8);
        String filler = IntStream.range(0, 1500).mapToObj(i -> "    \"filler-%04d=%s\",\n".formatted(i, "x".repeat(80)))
                .collect(Collectors.joining());
        String large = original.replace("  \"labels\": [\n", "  \"labels\": [\n" + filler);
        assertThat(large).as("the sandbox's daemon.json looks as expected").isNotEqualTo(original);
        Files.writeString(daemonJson(), large);
        json.readTree(large); // still valid JSON
        return large.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] newContent(byte[] old) throws Exception {
        return DaemonJson.parse(new String(old, StandardCharsets.UTF_8), HOST, engine.daemonJson())
                .withLabel("environment", "qa").getBytes(StandardCharsets.UTF_8);
    }

    private int countLabels(byte[] content) throws IOException {
        return json.readTree(content).get("labels").size();
    }

    private InetSocketAddress sshAddress() {
        return new InetSocketAddress(engine.ssh().host(), engine.ssh().port());
    }

    /** The host's SSH, reached through the proxy; its known host key is the host's own, under the proxy's address. */
    private EngineSpec through(ThrottlingTcpProxy proxy) throws IOException {
        SshTarget real = engine.ssh();
        String key = Files.readAllLines(real.knownHosts()).stream().filter(line -> line.startsWith(real.host() + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no known key for " + real.host()))
                .substring(real.host().length() + 1);
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "[127.0.0.1]:" + proxy.port() + " " + key + "\n");
        SshTarget viaProxy = new SshTarget(real.user(), "127.0.0.1", proxy.port(), real.identity(), knownHosts);
        return new EngineSpec(engine.name(), engine.endpoint(), engine.address(), viaProxy, engine.daemonJson(), engine.reloadCommand());
    }

    private LiveLabels liveLabels() {
        return () -> Labels.fromEngineList(clients.quick(engine.endpoint()).infoCmd().exec().getLabels());
    }

    private Path daemonJson() {
        return Path.of(engine.daemonJson());
    }

    private Optional<Path> tempFile() throws IOException {
        return tempFiles().stream().findFirst();
    }

    private List<Path> tempFiles() throws IOException {
        return guard.siblings(HOST).stream().filter(p -> p.getFileName().toString().contains(".envboard-tmp-")).toList();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Reads a file over and over on a thread of its own, and keeps every content that is not allowed. */
    private static final class FileSampler {
        private final Path file;
        private final Predicate<byte[]> allowed;
        private final List<String> unexpected = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile int reads;

        private FileSampler(Path file, Predicate<byte[]> allowed) {
            this.file = file;
            this.allowed = allowed;
            this.thread = new Thread(this::run, "daemon-json-sampler");
            thread.setDaemon(true);
        }

        static FileSampler start(Path file, Predicate<byte[]> allowed) {
            FileSampler sampler = new FileSampler(file, allowed);
            sampler.thread.start();
            return sampler;
        }

        private void run() {
            while (running.get()) {
                try {
                    byte[] content = Files.readAllBytes(file);
                    reads++;
                    if (!allowed.test(content) && unexpected.size() < 5) {
                        unexpected.add(content.length + " bytes: " + new String(content, 0, Math.min(200, content.length),
                                StandardCharsets.UTF_8));
                    }
                    Thread.sleep(1);
                } catch (IOException e) {
                    unexpected.add("unreadable: " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }

        int reads() {
            return reads;
        }

        List<String> unexpected() {
            return unexpected;
        }
    }
}
