package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Creating, renaming and removing environments on the board; a rename relabels the real hosts. */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class EnvironmentColumnsTest {
    private static Sandbox sandbox;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        stage.setWidth(1280);
        stage.setHeight(800);
        window = UiHarness.show(stage, sandbox.poolsFile(), UiHarness.newStateDir());
    }

    @AfterEach
    void restore() {
        window.close();
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=demo", "envboard-swarm-2");
    }

    @Test
    void createValidatesTheNameThenRenameAndRemoveTheEmptyColumn(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#column-demo").tryQuery().isPresent());
        robot.clickOn("#new-environment");
        robot.clickOn("#environment-name").write("Bad Name");
        assertThat(robot.lookup("#environment-name-ok").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#environment-name-problem").queryLabeled().getText()).contains("lower-case");
        robot.doubleClickOn("#environment-name").eraseText(8).write("staging");
        robot.clickOn("#environment-name-ok");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#column-staging").tryQuery().isPresent());

        robot.clickOn("#menu-staging").clickOn("Rename…");
        robot.doubleClickOn("#environment-name").eraseText(7).write("preprod");
        robot.clickOn("#environment-name-ok");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#column-preprod").tryQuery().isPresent());
        assertThat(robot.lookup("#column-staging").tryQuery()).isEmpty();

        robot.clickOn("#menu-preprod").clickOn("Remove");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#column-preprod").tryQuery().isEmpty());
    }

    @Test
    void renamingAnEnvironmentRelabelsItsHosts(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#column-demo #host-envboard-swarm-2").tryQuery().isPresent());
        robot.clickOn("#menu-demo").clickOn("Rename…");
        robot.doubleClickOn("#environment-name").eraseText(4).write("showcase");
        robot.clickOn("#environment-name-ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-move").tryQuery()
                .map(button -> !button.isDisabled()).orElse(false));
        robot.clickOn("#confirm-move");
        await().atMost(Duration.ofSeconds(20)).until(() -> environment("envboard-swarm-2").equals("showcase"));
        assertThat(environment("envboard-swarm-1")).isEqualTo("qa");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#column-showcase #host-envboard-swarm-2").tryQuery().isPresent()
                && robot.lookup("#column-demo").tryQuery().isEmpty());
    }

    private static String environment(String host) {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", host);
    }
}
