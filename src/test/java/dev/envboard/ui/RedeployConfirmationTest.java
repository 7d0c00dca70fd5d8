package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.PoolsFiles;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Deploys view's Redeploy validates first, then the confirmation lists the check that could
 * not run (a Swarm node without an engines: endpoint); Redeploy is enabled only once it is accepted.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class RedeployConfirmationTest {
    private static final String ENV = "uiskip";
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
        String pools = PoolsFiles.withoutSwarmEngines(Files.readString(sandbox.poolsFile()))
                .replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + dir.resolve("stacks"));
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
    void theSkippedCheckIsListedAndMustBeAcceptedBeforeTheRedeployRuns(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#redeploy-" + ENV).tryQuery().isPresent());
        robot.clickOn("#nav-deploys");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#deploy-environment").tryQuery().isPresent());
        UiHarness.onFx(() -> {
            robot.lookup("#deploy-environment").<ComboBox<String>>query().setValue(ENV);
            return null;
        });
        robot.clickOn("#deploys-redeploy");

        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#redeploy-skipped-checks").tryQuery().isPresent());
        assertThat(robot.lookup("#redeploy-skipped-checks").queryLabeled().getText())
                .contains("images envboard/demo:1 not checked on envboard-swarm-3: no engines: entry in pools.yaml");
        assertThat(robot.lookup("#confirm-redeploy").queryButton().isDisabled()).as("not before the check is accepted").isTrue();
        robot.clickOn("#accept-skipped-checks");
        assertThat(robot.lookup("#confirm-redeploy").queryButton().isDisabled()).isFalse();
        robot.clickOn("#confirm-redeploy");

        await().atMost(Duration.ofSeconds(90)).until(() -> robot.lookup("#deploy-result").queryLabeled().getText().startsWith("succeeded"));
        assertThat(robot.lookup("#deploy-result").queryLabeled().getText())
                .contains("checks that could not run, accepted:").contains("envboard-swarm-3");
        assertThat(sandbox.docker(sandbox.manager(), "service", "ls", "--format", "{{.Name}} {{.Replicas}}")).contains(ENV + "_hello 1/1");
    }
}
