package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
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
 * A pool that protects an environment: its column shows a lock, and the move and redeploy
 * confirmations keep their button disabled until the environment's name is typed exactly.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class ProtectedEnvironmentUiTest {
    private static final String ENV = "uilocked";
    private static final String HOST = "envboard-swarm-3";
    private static Sandbox sandbox;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        Path dir = UiHarness.newStateDir();
        Path stacks = Files.createDirectories(dir.resolve("stacks/" + ENV));
        Files.writeString(stacks.resolve("compose.yaml"), """
                services:
                  hello:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """);
        String pools = Files.readString(sandbox.poolsFile()).replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks"))
                .replace("  - name: sandbox-swarm\n", "  - name: sandbox-swarm\n    protected: [" + ENV + "]\n");
        assertThat(pools).contains("protected: [" + ENV + "]").contains("stacks: " + dir.resolve("stacks"));
        Path poolsFile = dir.resolve("pools.yaml");
        Files.writeString(poolsFile, pools);
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, HOST);
        stage.setWidth(1280);
        stage.setHeight(800);
        window = UiHarness.show(stage, poolsFile, dir);
    }

    @AfterEach
    void tearDown() {
        window.close();
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", ENV);
        } catch (AssertionError nothing) {
            // not deployed
        }
        if (!environment().isEmpty()) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", HOST);
        }
    }

    /** The column is built and done being rebuilt by Consul's first answers (see RedeployFromBoardTest). */
    private static void awaitColumn(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ShownCards.in(robot, ENV, HOST).isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> UiHarness.onFx(() ->
                robot.lookup("#health-" + HOST + " .health-dot.maintenance").tryQuery().isPresent()
                        && robot.lookup("#health-" + ENV + "-unknown").tryQuery().isEmpty()));
    }

    @Test
    void theColumnShowsALockAndAHostLeavesItOnlyOnceItsNameIsTyped(FxRobot robot) {
        awaitColumn(robot);
        Labeled lock = robot.lookup("#column-" + ENV + " #protected-" + ENV).queryLabeled();
        assertThat(lock.getAccessibleText()).startsWith(ENV + " is protected.");
        assertThat(lock.getTooltip().getText()).startsWith("Protected: ");
        assertThat(robot.lookup("#column-demo #protected-demo").tryQuery()).as("demo is not protected").isEmpty();
        String version = nodeVersion();

        robot.drag(ShownCards.awaitSettled(robot, ENV, HOST), MouseButton.PRIMARY).dropTo("#column-unassigned");
        await().atMost(Duration.ofSeconds(10)).until(() -> UiHarness.onFx(() -> robot.lookup("#move-impact .impact-line").tryQuery().isPresent()));
        Button confirm = robot.lookup("#confirm-move").queryButton();
        assertThat(confirm.isDisabled()).as("the impact is known, the name is not typed").isTrue();
        assertThat(robot.lookup(".name-confirmation-prompt").queryLabeled().getText()).isEqualTo("Type " + ENV + " to confirm");

        robot.clickOn("#confirm-name-" + ENV).write(ENV.substring(0, ENV.length() - 1));
        assertThat(UiHarness.onFx(confirm::isDisabled)).as("not before the whole name is typed").isTrue();
        robot.write(ENV.substring(ENV.length() - 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> UiHarness.onFx(() -> !confirm.isDisabled()));
        assertThat(nodeVersion()).as("nothing changed before the confirmation").isEqualTo(version);
        robot.clickOn("#confirm-move");

        await().atMost(Duration.ofSeconds(20)).until(() -> environment().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> ShownCards.in(robot, "unassigned", HOST).isPresent());
    }

    @Test
    void theRedeployConfirmationWaitsForTheTypedNameAndCancelChangesNothing(FxRobot robot) {
        awaitColumn(robot);
        robot.clickOn("#redeploy-" + ENV);
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#confirm-name-" + ENV).tryQuery().isPresent());
        Button confirm = robot.lookup("#confirm-redeploy").queryButton();
        assertThat(confirm.isDisabled()).isTrue();

        robot.clickOn("#confirm-name-" + ENV).write(ENV.toUpperCase());
        assertThat(UiHarness.onFx(confirm::isDisabled)).as("the name in capitals is not its name").isTrue();
        UiHarness.onFx(() -> {
            robot.lookup("#confirm-name-" + ENV).queryTextInputControl().clear();
            return null;
        });
        robot.clickOn("#confirm-name-" + ENV).write(ENV);
        await().atMost(Duration.ofSeconds(5)).until(() -> UiHarness.onFx(() -> !confirm.isDisabled()));

        robot.clickOn((Node) robot.lookup("#redeploy-dialog .button").match(n -> "Cancel".equals(((Button) n).getText())).query());
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#redeploy-dialog").tryQuery().isEmpty()
                && robot.lookup("#operations-button").queryButton().getText().equals("No operations running"));
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "--format", "{{.Name}}")).doesNotContain(ENV + "_hello");
    }

    private static String nodeVersion() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{.Version.Index}}", HOST);
    }

    private static String environment() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", HOST);
    }
}
