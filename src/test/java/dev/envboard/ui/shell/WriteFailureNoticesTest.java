package dev.envboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.DeployLocks;
import dev.envboard.deploy.RedeployService;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.deploy.history.DeployHistory;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.docker.DockerClients;
import dev.envboard.pool.Host;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolInspector;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolMonitor;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.audit.AuditLog;
import dev.envboard.pool.config.PoolsConfig;
import dev.envboard.pool.move.HostMove;
import dev.envboard.pool.move.MoveService;
import dev.envboard.runtime.Notices;
import dev.envboard.testing.TestHosts;
import dev.envboard.ui.board.AuditViewModel;
import dev.envboard.ui.common.Operations;
import dev.envboard.ui.deploys.DeploysViewModel;
import dev.envboard.ui.deploys.RedeployConfirmer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's side of write failures, with a direct executor: the status bar's notice, and the
 * audit panel and Deploys history that never show a record that is not on disk. The files fail
 * for real (a directory where the file should be); the label writer is an in-memory one.
 */
class WriteFailureNoticesTest {
    private static final Executor DIRECT = Runnable::run;
    private static final PoolSpec POOL = new PoolSpec("lab", PoolKind.SWARM, "environment", LabelScope.NODE, null, List.of(),
            null, "test", null);

    @TempDir
    Path state;

    private final Notices notices = new Notices();
    private final DockerClients clients = new DockerClients();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private ShellViewModel shell;

    @BeforeEach
    void openTheShell() {
        PoolMonitor monitor = new PoolMonitor(new PoolInspector(clients, DIRECT, Clock.systemUTC()), timer, Duration.ofHours(1),
                (pool, onChange) -> () -> { });
        shell = new ShellViewModel(new PoolsConfig("test", List.of(), List.of()), monitor, new Operations(DIRECT), notices, DIRECT);
    }

    @AfterEach
    void close() {
        shell.close();
        timer.shutdownNow();
        clients.close();
    }

    @Test
    void aMoveWhoseAuditEntryCannotBeWrittenShowsInTheStatusBarAndNotInTheAuditPanel() throws Exception {
        Path auditFile = Files.createDirectories(state.resolve("audit.jsonl"));
        AuditLog audit = new AuditLog(state, notices);
        AuditViewModel panel = new AuditViewModel(audit, DIRECT, DIRECT);
        Map<String, String> labels = new HashMap<>();
        MoveService moves = new MoveService(clients, (pool, host) -> labels::put, audit, Clock.systemUTC(), "tester");
        Host host = TestHosts.node("node-1").build();

        boolean audited = moves.move(POOL, HostMove.of(host, "qa"));

        assertThat(labels).as("the label itself was changed").containsEntry("environment", "qa");
        assertThat(audited).isFalse();
        assertThat(panel.entries()).as("the audit panel announces nothing that is not on disk").isEmpty();
        String expected = "audit log: a record could not be written to " + auditFile + " (Is a directory); it is lost";
        assertThat(shell.notices()).last().isEqualTo(expected);
        assertThat(shell.noticeProperty().get()).startsWith(expected);
    }

    @Test
    void aDeployRecordThatCannotBeWrittenIsNotInTheHistoryButInTheStatusBar() throws IOException {
        Path historyFile = Files.createDirectories(state.resolve("deploys.jsonl"));
        DeployHistory history = new DeployHistory(state, notices);
        DeploysViewModel deploys = deploysView(history);
        shell.dismissNotices(); // the read of the directory at start was reported too

        boolean written = history.append(record("qa", Instant.parse("2030-01-01T10:00:00Z")));

        assertThat(written).isFalse();
        assertThat(deploys.history()).isEmpty();
        assertThat(shell.noticeProperty().get())
                .isEqualTo("deploy history: a record could not be written to " + historyFile + " (Is a directory); it is lost");
    }

    @Test
    void corruptLinesOfTheHistoryAreNamedInTheStatusBarAndTheRotatedFileIsShownToo() throws IOException {
        Path file = state.resolve("deploys.jsonl");
        DeployHistory writer = new DeployHistory(state, notices);
        writer.append(record("old", Instant.parse("2030-01-01T09:00:00Z")));
        Files.move(file, state.resolve("deploys.jsonl.1"));
        writer.append(record("qa", Instant.parse("2030-01-01T10:00:00Z")));
        Files.writeString(file, "not a record\n", StandardOpenOption.APPEND);
        writer.append(record("demo", Instant.parse("2030-01-01T11:00:00Z")));
        Files.writeString(file, "{\"id\":\n", StandardOpenOption.APPEND);

        DeploysViewModel deploys = deploysView(new DeployHistory(state, notices));

        assertThat(deploys.history()).extracting(DeployRecord::environment).containsExactly("demo", "qa", "old");
        assertThat(shell.notices()).containsExactly("deploy history: 2 corrupt lines in " + file + " skipped (lines 2, 4)");
    }

    @Test
    void noticesReportedBeforeTheWindowOpenedAreShownAndDismissed() {
        Notices early = new Notices();
        early.report(Notices.Kind.READ_PROBLEM, "window state: unreadable");
        early.report(Notices.Kind.WRITE_FAILED, "audit log: lost");
        ShellViewModel late = new ShellViewModel(new PoolsConfig("test", List.of(), List.of()), null, new Operations(DIRECT), early, DIRECT);

        assertThat(late.notices()).containsExactly("window state: unreadable", "audit log: lost");
        assertThat(late.noticeProperty().get()).isEqualTo("audit log: lost (and 1 earlier)");

        late.dismissNotices();
        assertThat(late.noticeProperty().get()).isEmpty();
        early.report(Notices.Kind.WRITE_FAILED, "deploy history: lost");
        assertThat(late.notices()).containsExactly("deploy history: lost");

        late.close();
        early.report(Notices.Kind.WRITE_FAILED, "after closing");
        assertThat(late.notices()).containsExactly("deploy history: lost");
    }

    @Test
    void theStatusBarKeepsTheNewestNoticesOnly() {
        for (int i = 1; i <= ShellViewModel.NOTICES_KEPT + 5; i++) {
            notices.report(Notices.Kind.WRITE_FAILED, "notice " + i);
        }
        assertThat(shell.notices()).hasSize(ShellViewModel.NOTICES_KEPT).first().isEqualTo("notice 6");
        assertThat(shell.noticeProperty().get()).isEqualTo("notice " + (ShellViewModel.NOTICES_KEPT + 5)
                + " (and " + (ShellViewModel.NOTICES_KEPT - 1) + " earlier)");
    }

    private DeploysViewModel deploysView(DeployHistory history) {
        RedeployService service = new RedeployService(clients, new PoolInspector(clients, DIRECT, Clock.systemUTC()), new StackLoader(),
                history, new DeployLocks(state), Clock.systemUTC(), "tester", Duration.ofSeconds(1));
        return new DeploysViewModel(service, history, new Operations(DIRECT), Clock.systemUTC(), DIRECT, DIRECT,
                RedeployConfirmer.NOBODY);
    }

    private static DeployRecord record(String environment, Instant at) {
        return new DeployRecord(environment + "-run", "lab", environment, "tester", at, at.plusSeconds(30), "compose.yaml", "abc",
                Map.of("web", "demo:1"), List.of(), Map.of(), DeployRecord.SUCCEEDED, null, List.of());
    }
}
