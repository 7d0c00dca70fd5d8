package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A standalone host dragged to another column: its daemon.json is rewritten over SSH. The SSH
 * host key is not known yet, so the user is shown its fingerprint and must accept it first.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class StandaloneBoardMoveTest {
    private static final String HOST = "envboard-host-2";
    private static Sandbox sandbox;
    private UiHarness window;
    private DaemonJsonGuard guard;
    private Path knownHosts;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        Path dir = UiHarness.newStateDir();
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "");
        guard = new DaemonJsonGuard(sandbox, List.of(HOST));
        stage.setWidth(1280);
        stage.setHeight(800);
        window = UiHarness.show(stage, sandbox.poolsFileWithKnownHosts(dir, knownHosts), dir);
    }

    @AfterEach
    void restore() throws Exception {
        window.close();
        guard.restore();
    }

    @Test
    void dragConfirmTrustTheHostKeyAndDaemonJsonIsRewritten(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ShownCards.of(robot, "envboard-swarm-1").isPresent());
        robot.clickOn("#pool-selector").clickOn("sandbox-hosts  ·  standalone");
        robot.drag(ShownCards.awaitSettled(robot, "unassigned", HOST), MouseButton.PRIMARY).dropTo("#column-qa");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-move").tryQuery()
                .map(button -> !button.isDisabled()).orElse(false));
        robot.clickOn("#confirm-move");

        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#trust-host-key").tryQuery().isPresent());
        String shown = robot.lookup("#host-key-dialog .content").queryLabeled().getText();
        String fingerprint = sandbox.hostKeyFingerprint(HOST);
        assertThat(shown).contains(fingerprint);
        assertThat(Files.readAllBytes(guard.daemonJson(HOST))).as("nothing written before the key is trusted")
                .isEqualTo(guard.original(HOST));
        robot.clickOn("#trust-host-key");

        await().atMost(Duration.ofSeconds(30)).until(() -> guard.liveLabels(HOST).contains("environment=qa"));
        assertThat(guard.liveLabels(HOST)).contains("owner=platform");
        assertThat(Files.readString(guard.daemonJson(HOST))).contains("\"environment=qa\"").contains("\"log-driver\"");
        assertThat(guard.newBackups(HOST)).hasSize(1);
        assertThat(Files.readString(knownHosts)).contains("10.254.77.22");
        await().atMost(Duration.ofSeconds(10)).until(() -> ShownCards.in(robot, "qa", HOST).isPresent());
    }
}
