package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * An engine that accepts the connection and then never answers (a hung dockerd, a half-dead
 * host): the window must stay usable, show the healthy pool, and finally report the hung one.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class HungEngineTest {
    private static Sandbox sandbox;
    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket silent;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "silent-engine");
        acceptor.setDaemon(true);
        acceptor.start();

        Path stateDir = UiHarness.newStateDir();
        Path pools = stateDir.resolve("pools.yaml");
        String sandboxPools = Files.readString(sandbox.poolsFile()).replace("pools:\n", "");
        Files.writeString(pools, "pools:\n" + """
                  - name: hung
                    kind: swarm
                    endpoint: tcp://127.0.0.1:%d
                """.formatted(silent.getLocalPort()) + sandboxPools);
        window = UiHarness.show(stage, pools, stateDir);
    }

    private void acceptForever() {
        try {
            while (!silent.isClosed()) {
                synchronized (accepted) {
                    accepted.add(silent.accept());
                }
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    @AfterEach
    void close() throws IOException {
        window.close();
        silent.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void theWindowStaysUsableWhileAnEngineHangsAndThenReportsIt(FxRobot robot) {
        // The hung pool is the one selected: its inspection is pending, yet the UI reacts.
        await().atMost(Duration.ofSeconds(5)).until(() -> !accepted.isEmpty());
        assertThat(robot.lookup("#operations-button").queryButton().getText()).isEqualTo("1 running");
        robot.clickOn("#nav-containers");
        assertThat(robot.lookup("#containers-empty").queryLabeled().getText()).isEqualTo("Waiting for hung to answer…");
        robot.clickOn("#nav-board");
        robot.clickOn("#pool-selector").clickOn("sandbox-swarm  ·  swarm");
        await().atMost(Duration.ofSeconds(10)).until(() -> UiHarness.onFx(() -> robot.lookup(".host-card").queryAll().size()) == sandbox.swarmNodes().size());
        assertThat(robot.lookup("#pool-chip-hung").queryLabeled().getAccessibleText()).isEqualTo("hung unknown");

        await().atMost(Duration.ofSeconds(40)).until(() ->
                robot.lookup("#pool-chip-hung").queryLabeled().getAccessibleText().equals("hung offline"));
        String tooltip = robot.lookup("#pool-chip-hung").queryAs(Labeled.class).getTooltip().getText();
        assertThat(tooltip).contains("127.0.0.1:" + silent.getLocalPort()).contains("no answer in time");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#operations-button").queryButton().getText().equals("No operations running"));
    }
}
