package dev.envboard.pool.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Labels;
import dev.envboard.ssh.SshTarget;
import dev.envboard.pool.config.PoolsFileLoader;
import dev.envboard.ssh.SshConnector;
import dev.envboard.ssh.SshSession;
import dev.envboard.ssh.UnknownHostKeyException;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real daemon.json edits over real SSH on the sandbox's standalone hosts. The files live on this
 * machine too, so outcomes are checked on disk and with the docker CLI; every test puts both
 * hosts back exactly as it found them.
 */
@ExtendWith(SandboxExtension.class)
class EngineLabelWriterSandboxTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, EngineSpec> engines = new LinkedHashMap<>();
    private DaemonJsonGuard guard;
    private DockerClients clients;
    private SshConnector ssh;
    private Sandbox sandbox;

    @TempDir
    Path temp;

    @BeforeEach
    void rememberTheHosts(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        clients = new DockerClients();
        ssh = new SshConnector();
        for (EngineSpec engine : new PoolsFileLoader(Path.of("/root"), "root").load(sandbox.poolsFile())
                .pool("sandbox-hosts").orElseThrow().engines()) {
            engines.put(engine.name(), engine);
        }
        guard = new DaemonJsonGuard(sandbox, HOSTS);
    }

    @AfterEach
    void putTheHostsBack() throws Exception {
        try {
            guard.restore();
        } finally {
            ssh.close();
            clients.close();
        }
    }

    @Test
    void movesHost2ToQaAndBackToUnassigned() throws Exception {
        String host = "envboard-host-2";
        byte[] before = guard.original(host);
        EngineLabelWriter writer = writer(host, EngineLabelWriter.DEFAULT_VERIFY_TIMEOUT);

        long start = System.nanoTime();
        assertTimeoutPreemptively(GUARD, () -> writer.write("environment", "qa"));
        System.out.printf("write environment=qa on %s: %d ms%n", host, (System.nanoTime() - start) / 1_000_000);

        JsonNode written = json.readTree(daemonJson(host).toFile());
        assertThat(fieldNames(written)).containsExactly("labels", "log-driver", "log-opts");
        assertThat(texts(written.get("labels"))).containsExactly("owner=platform", "environment=qa");
        assertThat(written.get("log-driver").asText()).isEqualTo("json-file");
        assertThat(written.get("log-opts").get("max-size").asText()).isEqualTo("10m");
        List<Path> backups = guard.newBackups(host);
        assertThat(backups).hasSize(1);
        assertThat(Files.readAllBytes(backups.get(0))).isEqualTo(before);
        assertThat(guard.liveLabels(host)).containsExactlyInAnyOrder("owner=platform", "environment=qa");

        start = System.nanoTime();
        assertTimeoutPreemptively(GUARD, () -> writer.write("environment", null));
        System.out.printf("remove environment on %s: %d ms%n", host, (System.nanoTime() - start) / 1_000_000);

        assertThat(texts(json.readTree(daemonJson(host).toFile()).get("labels"))).containsExactly("owner=platform");
        assertThat(Files.readAllBytes(daemonJson(host))).as("written back the way the sandbox wrote it").isEqualTo(before);
        assertThat(guard.liveLabels(host)).containsExactly("owner=platform");
        assertThat(guard.newBackups(host)).hasSize(2);
        assertThat(guard.siblings(host)).as("no temp file left behind").allMatch(p -> !p.getFileName().toString().contains("envboard-tmp"));
    }

    @Test
    void invalidJsonIsRefusedAndTheFileLeftAsItWas() throws Exception {
        String host = "envboard-host-1";
        String broken = new String(guard.original(host), StandardCharsets.UTF_8)
                .replace("\"owner=platform\"\n", "\"owner=platform\",\n");
        assertThat(broken).as("the sandbox's daemon.json looks as expected").contains("\"owner=platform\",\n  ],");
        Files.writeString(daemonJson(host), broken);

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class,
                () -> writer(host, EngineLabelWriter.DEFAULT_VERIFY_TIMEOUT).write("environment", "demo"));

        assertThat(e.getMessage()).startsWith("envboard-host-1: " + daemonJson(host) + " line 5, column 3 is not valid JSON");
        assertThat(Files.readString(daemonJson(host))).isEqualTo(broken);
        assertThat(guard.newSiblings(host)).as("no backup, no temp file").isEmpty();
        assertThat(guard.liveLabels(host)).contains("environment=qa");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        String host = "envboard-host-1";
        byte[] latin1 = new String(guard.original(host), StandardCharsets.UTF_8)
                .replace("json-file", "json-fil\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(daemonJson(host), latin1);

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class,
                () -> writer(host, EngineLabelWriter.DEFAULT_VERIFY_TIMEOUT).write("environment", "demo"));

        assertThat(e).hasMessageStartingWith("envboard-host-1: " + daemonJson(host) + " is not UTF-8 text");
        assertThat(Files.readAllBytes(daemonJson(host))).isEqualTo(latin1);
        assertThat(guard.newSiblings(host)).as("no backup, no temp file").isEmpty();
    }

    @Test
    void aReloadThatDoesNotApplyTheLabelIsRolledBack() throws Exception {
        // host-2: PoolEventWatchTest sends SIGHUPs to host-1, which would apply the label behind this test's back.
        String host = "envboard-host-2";
        EngineSpec real = engines.get(host);
        EngineSpec noReload = new EngineSpec(real.name(), real.endpoint(), real.address(), real.ssh(), real.daemonJson(), "true");
        EngineLabelWriter writer = new EngineLabelWriter(noReload, ssh, liveLabels(host), Duration.ofSeconds(1),
                EngineLabelWriter.DEFAULT_POLL_INTERVAL, Clock.systemUTC());

        LabelChangeException e = assertTimeoutPreemptively(GUARD,
                () -> catchThrowableOfType(LabelChangeException.class, () -> writer.write("environment", "qa")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("envboard-host-2: the engine did not show environment=qa within 1 s after `true`"
                + " (it shows no environment label); the original " + daemonJson(host) + " was restored and the engine reloaded");
        assertThat(Files.readAllBytes(daemonJson(host))).isEqualTo(guard.original(host));
        assertThat(guard.liveLabels(host)).containsExactly("owner=platform");
        assertOnlyTheBackupIsLeft(host);
    }

    @Test
    void aFailingReloadCommandIsRolledBack() throws Exception {
        String host = "envboard-host-2";
        EngineSpec real = engines.get(host);
        EngineSpec failing = new EngineSpec(real.name(), real.endpoint(), real.address(), real.ssh(), real.daemonJson(),
                "echo 'dockerd is not running' >&2; exit 7");
        EngineLabelWriter writer = new EngineLabelWriter(failing, ssh, liveLabels(host), Clock.systemUTC());

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class, () -> writer.write("environment", "qa"));

        assertThat(e.getMessage()).isEqualTo("envboard-host-2: the reload command `echo 'dockerd is not running' >&2; exit 7`"
                + " failed (exit 7: dockerd is not running); the original " + daemonJson(host) + " was restored, but then"
                + " the reload command `echo 'dockerd is not running' >&2; exit 7` failed (exit 7: dockerd is not running):"
                + " reload dockerd by hand");
        assertThat(Files.readAllBytes(daemonJson(host))).isEqualTo(guard.original(host));
        assertOnlyTheBackupIsLeft(host);
    }

    @Test
    void aLabelTheFileDoesNotHoldIsNotTouched() throws Exception {
        // As if dockerd had been started with --label environment=flagged: the engine shows it, the file does not.
        String host = "envboard-host-2";
        EngineLabelWriter writer = new EngineLabelWriter(engines.get(host), ssh,
                () -> Map.of("environment", "flagged", "owner", "platform"), Clock.systemUTC());

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class, () -> writer.write("environment", "qa"));

        assertThat(e.getMessage()).startsWith("envboard-host-2: the engine has environment=flagged, but " + daemonJson(host)
                + " has no environment label: it comes from somewhere else (a --label flag on dockerd's command line?)");
        assertThat(Files.readAllBytes(daemonJson(host))).isEqualTo(guard.original(host));
        assertThat(guard.newSiblings(host)).as("no backup, no temp file").isEmpty();
    }

    @Test
    void aLabelThatIsAlreadyThereWritesNothing() throws Exception {
        String host = "envboard-host-1";

        writer(host, EngineLabelWriter.DEFAULT_VERIFY_TIMEOUT).write("environment", "qa");

        assertThat(Files.readAllBytes(daemonJson(host))).isEqualTo(guard.original(host));
        assertThat(guard.newSiblings(host)).as("no backup, no temp file").isEmpty();
    }

    @Test
    void anUnknownHostKeyReachesTheCallerWithItsFingerprint() throws Exception {
        String host = "envboard-host-1";
        EngineSpec real = engines.get(host);
        SshTarget unknownHost = new SshTarget(real.ssh().user(), real.ssh().host(), real.ssh().port(),
                real.ssh().identity(), temp.resolve("known_hosts"));
        EngineSpec engine = new EngineSpec(real.name(), real.endpoint(), real.address(), unknownHost, real.daemonJson(),
                real.reloadCommand());

        LabelChangeException e = catchThrowableOfType(LabelChangeException.class,
                () -> new EngineLabelWriter(engine, ssh, liveLabels(host), Clock.systemUTC()).write("environment", "demo"));

        assertThat(e.getCause()).isInstanceOf(UnknownHostKeyException.class);
        UnknownHostKeyException unknown = UnknownHostKeyException.in(e).orElseThrow();
        assertThat(unknown.fingerprint()).startsWith("SHA256:");
        assertThat(e.getMessage()).startsWith("envboard-host-1: ssh root@10.254.77.21:22: the host key is not known")
                .contains(unknown.fingerprint()).endsWith("; nothing was changed");
        assertThat(Files.readAllBytes(daemonJson(host))).isEqualTo(guard.original(host));
        assertThat(guard.newSiblings(host)).as("no backup, no temp file").isEmpty();
    }

    @Test
    void onlyTheNewestFiveBackupsAreKept() throws Exception {
        String host = "envboard-host-2";
        List<Path> existing = backups(host); // whatever earlier runs left, all newer than the fake ones below
        List<Path> old = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Path backup = Path.of(daemonJson(host) + ".envboard-backup-20200101T00000" + i + ".000Z");
            Files.writeString(backup, "{}\n");
            old.add(backup);
        }
        EngineLabelWriter writer = writer(host, EngineLabelWriter.DEFAULT_VERIFY_TIMEOUT);

        writer.write("environment", "qa");
        writer.write("environment", null);

        List<Path> ours = guard.newBackups(host).stream().filter(p -> !old.contains(p)).toList();
        assertThat(ours).hasSize(2);
        assertThat(Files.readAllBytes(ours.get(0))).isEqualTo(guard.original(host));
        List<Path> candidates = new ArrayList<>(existing);
        candidates.addAll(old);
        candidates.addAll(ours);
        candidates.sort(null); // names sort by time
        assertThat(backups(host)).containsExactlyElementsOf(candidates.subList(candidates.size() - 5, candidates.size()));
    }

    /** After a rollback: the backup of the original (it was put back from it), and no temp file. */
    private void assertOnlyTheBackupIsLeft(String host) throws IOException {
        assertThat(guard.newSiblings(host)).singleElement().satisfies(backup -> {
            assertThat(backup.getFileName().toString()).startsWith("daemon.json.envboard-backup-");
            assertThat(Files.readAllBytes(backup)).isEqualTo(guard.original(host));
        });
    }

    private List<Path> backups(String host) throws IOException {
        return guard.siblings(host).stream().filter(p -> p.getFileName().toString().contains(".envboard-backup-")).toList();
    }

    @Test
    void theFileIsNotReplacedWhenItChangedAfterItWasRead() throws Exception {
        String host = "envboard-host-2";
        try (SshSession session = ssh.open(engines.get(host).ssh())) {
            DaemonJsonFile file = new DaemonJsonFile(session, host, engines.get(host).daemonJson());
            DaemonJsonFile.Snapshot read = file.read();
            assertThat(read.bytes()).isEqualTo(guard.original(host));
            String edited = read.text().replace("10m", "20m");
            Files.writeString(daemonJson(host), edited);

            DaemonJsonFile.ChangedMeanwhileException e = catchThrowableOfType(DaemonJsonFile.ChangedMeanwhileException.class,
                    () -> file.replace(read, "{}\n".getBytes(StandardCharsets.UTF_8), "20300101T000000.000Z"));

            assertThat(e).hasMessage("it changed since Envboard read it");
            assertThat(Files.readString(daemonJson(host))).isEqualTo(edited);
            assertThat(guard.newBackups(host)).isEmpty();
            assertThat(guard.newSiblings(host)).isEmpty();
        }
    }

    @Test
    void aSymlinkedDaemonJsonKeepsItsLinkAndItsBackupLivesBesideTheRealFile() throws Exception {
        Path real = Files.createDirectories(temp.resolve("managed")).resolve("docker.json");
        Files.writeString(real, "{\"labels\": [\"owner=platform\"]}");
        Path link = Files.createSymbolicLink(Files.createDirectories(temp.resolve("etc")).resolve("daemon.json"), real);
        try (SshSession session = ssh.open(engines.get("envboard-host-1").ssh())) {
            DaemonJsonFile file = new DaemonJsonFile(session, "envboard-host-1", link.toString());
            DaemonJsonFile.Snapshot before = file.read();
            byte[] content = DaemonJson.parse(before.text(), "envboard-host-1", link.toString())
                    .withLabel("environment", "qa").getBytes(StandardCharsets.UTF_8);

            String backup = file.replace(before, content, "20300101T000000.000Z");

            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(Files.readAllBytes(real)).isEqualTo(content);
            assertThat(backup).isEqualTo(real + ".envboard-backup-20300101T000000.000Z");
            assertThat(Files.readAllBytes(Path.of(backup))).isEqualTo(before.bytes());

            assertThat(file.restore(before, content, "20300101T000000.000Z")).isTrue();
            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(Files.readAllBytes(real)).isEqualTo(before.bytes());
        }
    }

    @Test
    void aMissingDaemonJsonIsCreatedAndRemovedAgainOnRestore() throws Exception {
        Path missing = temp.resolve("daemon.json");
        try (SshSession session = ssh.open(engines.get("envboard-host-1").ssh())) {
            DaemonJsonFile file = new DaemonJsonFile(session, "envboard-host-1", missing.toString());
            DaemonJsonFile.Snapshot before = file.read();
            assertThat(before.sha256()).isEqualTo(DaemonJsonFile.ABSENT);
            byte[] content = DaemonJson.parse(before.text(), "envboard-host-1", missing.toString())
                    .withLabel("environment", "qa").getBytes(StandardCharsets.UTF_8);

            assertThat(file.replace(before, content, "20300101T000000.000Z")).as("no backup of nothing").isNull();
            assertThat(Files.readAllBytes(missing)).isEqualTo(content);
            assertThat(Files.getPosixFilePermissions(missing)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

            assertThat(file.restore(before, content, "20300101T000000.000Z")).isTrue();
            assertThat(missing).doesNotExist();
        }
    }

    private EngineLabelWriter writer(String host, Duration verifyTimeout) {
        return new EngineLabelWriter(engines.get(host), ssh, liveLabels(host), verifyTimeout,
                EngineLabelWriter.DEFAULT_POLL_INTERVAL, Clock.systemUTC());
    }

    private LiveLabels liveLabels(String host) {
        EngineSpec engine = engines.get(host);
        return () -> Labels.fromEngineList(clients.quick(engine.endpoint()).infoCmd().exec().getLabels());
    }


    private Path daemonJson(String host) {
        return Path.of(engines.get(host).daemonJson());
    }




    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items;
    }
}
