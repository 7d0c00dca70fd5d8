package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Drag a card to another column, confirm, and the label changes on the real Swarm manager. */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class BoardMoveTest {
    private static final String HOST = "envboard-swarm-3";
    private static Sandbox sandbox;
    private static Path poolsFile;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
        poolsFile = found.poolsFile();
    }

    @Start
    void start(Stage stage) throws Exception {
        stage.setWidth(1280);
        stage.setHeight(800);
        window = UiHarness.show(stage, poolsFile, UiHarness.newStateDir());
    }

    @AfterEach
    void restore() {
        window.close();
        if (!environment().isEmpty()) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", HOST);
        }
    }

    @Test
    void dragToAnotherColumnConfirmMovesTheHostAndUndoMovesItBack(FxRobot robot) {
        robot.drag(ShownCards.awaitSettled(robot, "unassigned", HOST), MouseButton.PRIMARY).dropTo("#column-qa");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-move").tryQuery()
                .map(button -> !button.isDisabled()).orElse(false));
        assertThat(environment()).as("nothing changes before confirmation").isEmpty();
        robot.clickOn("#confirm-move");

        await().atMost(Duration.ofSeconds(20)).until(() -> environment().equals("qa"));
        assertThat(label("rack")).isEqualTo("r3");
        await().atMost(Duration.ofSeconds(10)).until(() -> inColumn(robot, "qa") && !moving(robot));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-move").tryQuery()
                .map(button -> !button.isDisabled()).orElse(false));
        robot.clickOn("#confirm-move");
        await().atMost(Duration.ofSeconds(20)).until(() -> environment().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> inColumn(robot, "unassigned"));
    }

    @Test
    void cancellingTheConfirmationChangesNothing(FxRobot robot) {
        String version = nodeVersion();
        robot.drag(ShownCards.awaitSettled(robot, "unassigned", HOST), MouseButton.PRIMARY).dropTo("#column-demo");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cancel-move").tryQuery().isPresent());
        robot.clickOn("#cancel-move");
        // Checked once nothing runs any more: a move started by mistake would still be writing right after the click.
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#cancel-move").tryQuery().isEmpty()
                && robot.lookup("#operations-button").queryButton().getText().equals("No operations running"));
        assertThat(nodeVersion()).as("the node was not updated at all").isEqualTo(version);
        assertThat(environment()).isEmpty();
        assertThat(inColumn(robot, "unassigned")).isTrue();
        assertThat(moving(robot)).isFalse();
    }

    @Test
    void keyboardSelectsAndMOpensMoveTo(FxRobot robot) {
        ShownCards.awaitSettled(robot, "unassigned", HOST);
        ShownCards.awaitSettled(robot, "demo", "envboard-swarm-2");
        robot.clickOn(ShownCards.awaitSettled(robot, "qa", "envboard-swarm-1"));
        robot.type(KeyCode.LEFT);
        assertThat(selected(robot, "envboard-swarm-2")).as("left of qa is demo").isTrue();
        assertThat(selected(robot, "envboard-swarm-1")).isFalse();
        robot.type(KeyCode.LEFT);
        assertThat(selected(robot, HOST)).as("left of demo is the unassigned column").isTrue();

        robot.type(KeyCode.M);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".choice-dialog .combo-box").tryQuery().isPresent());
        ComboBox<String> target = robot.lookup(".choice-dialog .combo-box").queryComboBox();
        assertThat(target.getItems()).containsExactly("Unassigned", "demo", "qa");
        robot.interact(() -> target.getSelectionModel().select("demo"));
        robot.clickOn((Node) robot.lookup(".choice-dialog .button").match(n -> "OK".equals(((javafx.scene.control.Button) n).getText())).query());
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-move").tryQuery()
                .map(button -> !button.isDisabled()).orElse(false));
        robot.clickOn("#confirm-move");
        await().atMost(Duration.ofSeconds(20)).until(() -> environment().equals("demo"));
        await().atMost(Duration.ofSeconds(10)).until(() -> inColumn(robot, "demo"));
    }

    private static boolean selected(FxRobot robot, String host) {
        return ShownCards.hasPseudoClass(robot, host, "selected");
    }

    private static boolean inColumn(FxRobot robot, String column) {
        return ShownCards.in(robot, column, HOST).isPresent();
    }

    private static boolean moving(FxRobot robot) {
        return ShownCards.hasPseudoClass(robot, HOST, "moving");
    }

    /** The node's version index: any update of the node raises it. */
    private static String nodeVersion() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.Version.Index}}", HOST);
    }

    private static String environment() {
        return label("environment");
    }

    private static String label(String key) {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"" + key + "\"}}", HOST);
    }
}
