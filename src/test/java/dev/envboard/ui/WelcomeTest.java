package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** No engine answers: the window says what it tried instead of showing an empty board. */
@ExtendWith({FxThreadGuardCheck.class, ApplicationExtension.class})
class WelcomeTest {
    private UiHarness window;
    private Path socket;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("envboard-welcome");
        socket = dir.resolve("nothing-here.sock");
        Path pools = dir.resolve("pools.yaml");
        Files.writeString(pools, """
                pools:
                  - name: gone
                    kind: swarm
                    endpoint: unix://%s
                  - name: broken
                    kind: nonsense
                """.formatted(socket));
        window = UiHarness.show(stage, pools, dir);
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void saysWhatWasTriedAndShowsTheBadPool(FxRobot robot) {
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#welcome").tryQuery().isPresent());
        String tried = robot.lookup("#welcome-tried").queryAs(Labeled.class).getText();
        assertThat(tried).contains("gone").contains(socket.toString()).contains("offline");
        String banner = robot.lookup("#problems-banner .label").queryAs(Labeled.class).getText();
        assertThat(banner).contains("pools.yaml:6").contains("pools[1].kind").contains("unknown pool kind \"nonsense\"");
    }
}
