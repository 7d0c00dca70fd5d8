package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Click Redeploy on a column, confirm: the run succeeds on the real Swarm and the column says so. */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class RedeployFromBoardTest {
    private static final String ENV = "uienv";
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
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do echo hello from $${ENVIRONMENT:-?}; sleep 1 & wait $$!; done"]
                    environment:
                      ENVIRONMENT: ${ENVIRONMENT}
                    stop_grace_period: 2s
                """);
        String pools = Files.readString(sandbox.poolsFile()).replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks"));
        if (!pools.contains("stacks: " + dir.resolve("stacks"))) {
            pools = pools.replace("    label-key: environment\n", "    label-key: environment\n    stacks: " + dir.resolve("stacks") + "\n");
        }
        Path poolsFile = dir.resolve("pools.yaml");
        Files.writeString(poolsFile, pools);
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, "envboard-swarm-3");
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
        sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", "envboard-swarm-3");
    }

    @Test
    void clickRedeployConfirmAndTheColumnShowsTheResult(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#redeploy-" + ENV).tryQuery().isPresent());
        assertThat(robot.lookup("#deploy-badge-" + ENV).queryLabeled().getText()).isEqualTo("never deployed");
        // Consul's answers rebuild the column (its counts, then the host's dot once Consul's nodes are placed on
        // the hosts): click its button once the host shows its node maintenance, not a node on its way out.
        await().atMost(Duration.ofSeconds(30)).until(() -> UiHarness.onFx(() ->
                robot.lookup("#health-envboard-swarm-3 .health-dot.maintenance").tryQuery().isPresent()
                        && robot.lookup("#health-" + ENV + "-unknown").tryQuery().isEmpty()));

        robot.clickOn("#redeploy-" + ENV);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-redeploy").tryQuery().isPresent());
        assertThat(robot.lookup("#redeploy-dialog .redeploy-summary").queryLabeled().getText()).contains("compose.yaml").contains("envboard-swarm-3");
        // The dialog's button is found as soon as the dialog shows; it can be clicked once the dialog is laid out.
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirm-redeploy").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
        robot.clickOn("#confirm-redeploy");

        await().atMost(Duration.ofSeconds(90)).until(() -> robot.lookup("#deploy-badge-" + ENV).queryLabeled().getText().startsWith("succeeded"));
        String tasks = sandbox.docker(sandbox.manager(), "service", "ps", ENV + "_hello", "--filter", "desired-state=running",
                "--format", "{{.Node}} {{.CurrentState}}");
        assertThat(tasks).startsWith("envboard-swarm-3 Running");

        // The finished redeploy leaves the operations list (a Task reports SUCCEEDED before it is "done").
        await().atMost(Duration.ofSeconds(5)).until(() ->
                robot.lookup("#operations-button").queryButton().getText().equals("No operations running"));

        robot.clickOn("#nav-deploys");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#deploy-result").queryLabeled().getText().startsWith("succeeded"));
        assertThat(robot.lookup("#step-wait_ready").queryLabeled().getText()).contains("ms");
    }
}
