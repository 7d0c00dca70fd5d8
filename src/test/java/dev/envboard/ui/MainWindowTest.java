package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.ui.shell.UiState;
import dev.envboard.ui.shell.UiStateStore;
import dev.envboard.runtime.Notices;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class MainWindowTest {
    private static Path poolsFile;
    private static Sandbox sandbox;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
        poolsFile = found.poolsFile();
    }

    @Start
    void start(Stage stage) throws Exception {
        window = UiHarness.show(stage, poolsFile, UiHarness.newStateDir());
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void theBoardListsTheSandboxSwarmHostsInTheirEnvironments(FxRobot robot) {
        List<String> swarmHosts = Arrays.asList(sandbox.docker(sandbox.manager(), "node", "ls", "--format", "{{.Hostname}}").split("\n"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cardNames(robot).size() == swarmHosts.size());
        assertThat(cardNames(robot)).containsExactlyInAnyOrderElementsOf(swarmHosts);

        for (String host : swarmHosts) {
            String env = sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", host);
            String column = env.isEmpty() ? "unassigned" : env;
            assertThat(ShownCards.in(robot, column, host)).as(host + " in column " + column).isPresent();
        }
    }

    @Test
    void choosingTheStandalonePoolShowsItsEngines(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !cardNames(robot).isEmpty());
        robot.clickOn("#pool-selector");
        robot.clickOn("sandbox-hosts  ·  standalone");
        Set<String> expected = sandbox.standaloneHosts().stream().map(Sandbox.Engine::name).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> cardNames(robot).equals(expected));
        assertThat(robot.lookup("#pool-chip-sandbox-hosts").queryLabeled().getAccessibleText()).isEqualTo("sandbox-hosts online");
    }

    @Test
    void closingTheWindowRemembersItsGeometryAndPool(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !cardNames(robot).isEmpty());
        robot.clickOn("#pool-selector").clickOn("sandbox-hosts  ·  standalone");
        robot.interact(() -> {
            Stage stage = (Stage) robot.lookup("#board").query().getScene().getWindow();
            stage.setWidth(1111);
            stage.setHeight(777);
            stage.close();
        });
        assertThat(window.awaitStateSaved()).isEmpty();
        UiState saved = new UiStateStore(window.stateDir(), new Notices()).load();
        assertThat(saved.width()).isEqualTo(1111);
        assertThat(saved.height()).isEqualTo(777);
        assertThat(saved.selectedPool()).isEqualTo("sandbox-hosts");
    }

    @Test
    void aWindowStateThatCannotBeSavedIsSaidInTheStatusBar(FxRobot robot) throws Exception {
        Path inTheWay = Files.createDirectories(window.stateDir().resolve("window.json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !cardNames(robot).isEmpty());

        robot.clickOn("#pool-selector").clickOn("sandbox-hosts  ·  standalone"); // a choice the window remembers

        String expected = "the window state could not be saved to " + inTheWay + " (Is a directory)";
        assertThat(window.awaitStateSaved()).contains(expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> UiHarness.onFx(() -> robot.lookup("#status-notice").queryLabeled().getText()),
                expected::equals);
        assertThat(UiHarness.onFx(() -> robot.lookup("#status-notice").query().getParent().isVisible())).isTrue();
    }

    private static Set<String> cardNames(FxRobot robot) {
        return UiHarness.onFx(() -> robot.lookup(".host-card").queryAll().stream()
                .map(node -> node.getId().substring("host-".length()))
                .collect(Collectors.toSet()));
    }
}
