package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.deploy.watch.DeployEntry;
import dev.envboard.runtime.Machine;
import dev.envboard.testing.ChildEnvboard;
import dev.envboard.testing.DeployRecordsCleanup;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A deploy started by {@code envboard redeploy} in another process (its own state directory, as a
 * CI job or a colleague's machine) shows in the running window's Deploys view, in progress and then
 * succeeded, and the watched environment's desktop notifications (ControlsFX popups) say so; a
 * click on one opens the environment's deploys. The deploy waits on a gate (a healthcheck on a
 * file the test creates), so that "in progress" is seen for certain.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class DeploysFromAnotherProcessTest {
    private static final String ENV = "uiwatch";
    private static final String POOL = "sandbox-swarm";
    private static final String NODE = "envboard-swarm-3";
    private static Sandbox sandbox;
    private Path dir;
    private Path poolsFile;
    private Path gate;
    private UiHarness window;
    private ChildEnvboard child;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        dir = UiHarness.newStateDir();
        Path stacks = Files.createDirectories(dir.resolve("stacks/" + ENV));
        gate = Files.createDirectories(dir.resolve("gate"));
        // The sandbox's registry-config: stays: both processes pull from its registry with its login.
        String pools = Files.readString(sandbox.poolsFile()).replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks"));
        poolsFile = dir.resolve("pools.yaml");
        Files.writeString(poolsFile, pools);
        Files.writeString(stacks.resolve("compose.yaml"), """
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                    volumes:
                      - %s:/gate:ro
                    healthcheck:
                      test: ["CMD", "test", "-f", "/gate/open"]
                      interval: 1s
                      timeout: 1s
                      retries: 600
                """.formatted(sandbox.registry().image("1"), gate));
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, NODE);
        stage.setWidth(1280);
        stage.setHeight(800);
        window = UiHarness.show(stage, poolsFile, Files.createDirectories(dir.resolve("window")));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (child != null) {
                child.close();
            }
            DeployRecordsCleanup.remove(window.context().pools().pool(POOL).orElseThrow(), ENV);
        } finally {
            window.close();
            try {
                sandbox.docker(sandbox.manager(), "stack", "rm", ENV);
            } catch (AssertionError nothing) {
                // not deployed
            }
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODE);
        }
    }

    @Test
    void aRedeployByAnotherProcessShowsInProgressThenSucceededAndTheWatchedEnvironmentIsNotified(FxRobot robot) throws Exception {
        String who = Machine.who(System.getProperty("user.name"));
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#watch-" + ENV).tryQuery().isPresent());
        robot.clickOn("#watch-" + ENV);
        assertThat(UiHarness.onFx(() -> robot.lookup("#watch-" + ENV).<ToggleButton>query().isSelected())).isTrue();
        assertThat(window.awaitStateSaved()).isEmpty();
        assertThat(Files.readString(dir.resolve("window/window.json"))).contains("\"" + POOL + "/" + ENV + "\"");
        robot.clickOn("#nav-deploys");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#deploy-history").tryQuery().isPresent());
        TableView<DeployEntry> history = robot.lookup("#deploy-history").query();

        child = ChildEnvboard.start(Files.createDirectories(dir.resolve("ci")), Map.of(),
                "redeploy", ENV, "--pool", POOL, "--config", poolsFile.toString());

        await().atMost(Duration.ofSeconds(90)).until(() -> row(history).map(DeployEntry::inProgress).orElse(false));
        DeployEntry running = row(history).orElseThrow();
        assertThat(running.who()).isEqualTo(who);
        assertThat(running.origin()).as("this window's history does not have it").isEqualTo(DeployEntry.Origin.POOL);
        assertThat(UiHarness.onFx(() -> history.getColumns().get(3).getCellData(running))).isEqualTo("in progress");
        await().atMost(Duration.ofSeconds(30)).until(() -> notification(ENV + ": deploy started").isPresent());
        assertThat(notification(ENV + ": deploy started").orElseThrow())
                .contains("by " + who + " (deploy " + running.id() + ")").contains("web: ? → sha256:");
        assertThat(child.isAlive()).as("the deploy waits on the gate").isTrue();

        Files.writeString(gate.resolve("open"), "open\n");
        assertThat(child.awaitExit(Duration.ofMinutes(2))).as(child.stderr()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> row(history).map(e -> e.status() == DeployEntry.Status.SUCCEEDED).orElse(false));
        DeployEntry done = row(history).orElseThrow();
        assertThat(done.id()).isEqualTo(running.id());
        assertThat(done.durationMillis()).isPositive();
        assertThat(done.record().stackSha256()).hasSize(64);
        await().atMost(Duration.ofSeconds(30)).until(() -> notification(ENV + ": deployed").isPresent());
        assertThat(notification(ENV + ": deployed").orElseThrow()).contains("by " + who).contains("(deploy " + running.id() + ")");
        assertThat(notifications().stream().filter(n -> n.startsWith(ENV + ": deploy started")).count())
                .as("one notification per event of the run").isEqualTo(1);

        // A click on the notification opens the environment's deploys (from the board).
        robot.clickOn("#nav-board");
        UiHarness.onFx(() -> {
            Node bar = notificationBar(ENV + ": deployed").orElseThrow();
            Event.fireEvent(bar, new MouseEvent(MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0, MouseButton.PRIMARY, 1,
                    false, false, false, false, true, false, false, true, false, false, null));
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#deploys-filter").tryQuery()
                .map(n -> n.getScene() != null && n.isVisible()).orElse(false));
        assertThat(UiHarness.onFx(() -> robot.lookup("#deploys-filter").<ComboBox<String>>query().getValue())).isEqualTo(ENV);
        assertThat(UiHarness.onFx(() -> history.getItems().stream().allMatch(e -> e.environment().equals(ENV)))).isTrue();
    }

    /** The newest row of this test's environment. */
    private static Optional<DeployEntry> row(TableView<DeployEntry> history) {
        return UiHarness.onFx(() -> history.getItems().stream().filter(e -> e.environment().equals(ENV)).findFirst());
    }

    /** Every ControlsFX notification on screen, its labels' texts joined by newlines (title first). */
    private static List<String> notifications() {
        return UiHarness.onFx(() -> {
            List<String> texts = new ArrayList<>();
            for (Node bar : notificationBars()) {
                List<String> labels = new ArrayList<>();
                for (Node label : bar.lookupAll(".label")) {
                    if (label instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
                        labels.add(l.getText());
                    }
                }
                texts.add(String.join("\n", labels));
            }
            return texts;
        });
    }

    private static Optional<String> notification(String title) {
        return notifications().stream().filter(n -> n.startsWith(title + "\n")).findFirst();
    }

    /** On the FX thread. */
    private static Optional<Node> notificationBar(String title) {
        return notificationBars().stream().filter(bar -> bar.lookupAll(".label").stream()
                .anyMatch(l -> l instanceof Labeled labeled && title.equals(labeled.getText()))).findFirst();
    }

    private static List<Node> notificationBars() {
        List<Node> bars = new ArrayList<>();
        for (Window window : Window.getWindows()) {
            if (window instanceof PopupWindow && window.isShowing() && window.getScene() != null) {
                bars.addAll(window.getScene().getRoot().lookupAll(".notification-bar"));
            }
        }
        return bars;
    }
}
