package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.envboard.ui.UiHarness.onFx;
import static org.awaitility.Awaitility.await;

import dev.envboard.health.ConsulDouble;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.ui.health.HealthRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Consul health on the board of the sandbox's Swarm pool, from a Consul double whose checks the
 * test changes: a critical check reaches the right host card and environment header through a
 * blocking query; maintenance shows with its reason; Consul down is unknown, never healthy.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class HealthOnBoardTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String FAILURE = "HTTP GET http://10.254.77.11:8080/health: 500 Internal Server Error\n"
            + "Output: database connection pool exhausted (40/40 in use)";
    private static Sandbox sandbox;
    private ConsulDouble consul;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        consul = ConsulDouble.start();
        consul.node("envboard-swarm-1", "10.254.77.11");
        consul.node("envboard-swarm-2", "10.254.77.12");
        consul.service("web-1", "web", "envboard-swarm-1", List.of(), Map.of());
        consul.service("web-2", "web", "envboard-swarm-2", List.of(), Map.of());
        Path dir = Files.createTempDirectory("envboard-health-ui");
        window = UiHarness.show(stage, sandbox.poolsFileWithConsul(dir, consul.address()), UiHarness.newStateDir());
    }

    @AfterEach
    void close() {
        window.close();
        consul.close();
    }

    @Test
    void aCriticalCheckShowsOnItsHostCardAndEnvironmentHeader(FxRobot robot) {
        robot.clickOn("#pool-selector").clickOn("sandbox-swarm  ·  swarm");
        await().atMost(PATIENCE).until(() -> dot(robot, "envboard-swarm-1").equals(Optional.of("passing")));
        await().atMost(PATIENCE).until(() -> text(robot, "#health-qa-passing").equals(Optional.of("1 ok")));
        assertThat(dot(robot, "envboard-swarm-3")).as("no Consul node there").contains("unknown");

        consul.setCheck("envboard-swarm-1", "service:web-1", "critical", FAILURE);

        await().atMost(PATIENCE).until(() -> dot(robot, "envboard-swarm-1").equals(Optional.of("critical")));
        await().atMost(PATIENCE).until(() -> text(robot, "#health-qa-critical").equals(Optional.of("1 crit")));
        assertThat(text(robot, "#health-qa-passing")).contains("0 ok");
        assertThat(text(robot, "#health-line-envboard-swarm-1").orElseThrow()).contains("500 Internal Server Error");
        assertThat(dot(robot, "envboard-swarm-2")).as("the other environment's host").contains("passing");
        assertThat(text(robot, "#health-demo-critical")).contains("0 crit");
        assertThat(text(robot, "#health-demo-passing")).contains("1 ok");

        robot.clickOn("#nav-health");
        TreeTableView<HealthRow> tree = robot.lookup("#health-tree").query();
        await().atMost(PATIENCE).until(() -> names(tree).containsAll(List.of("web", "web-1", "web-2")));
        robot.clickOn("#health-critical-only");
        await().atMost(PATIENCE).until(() -> !names(tree).contains("web-2"));
        assertThat(names(tree)).contains("web", "web-1");
        onFx(() -> {
            TreeItem<HealthRow> check = find(tree.getRoot(), "Service 'web' check");
            tree.getSelectionModel().select(check);
            return null;
        });
        TextArea detail = robot.lookup("#health-detail").query();
        String shown = onFx(detail::getText);
        assertThat(shown).contains("critical", FAILURE);
    }

    @Test
    void maintenanceShowsWithItsReasonAndIsNotCountedAsPassing(FxRobot robot) {
        robot.clickOn("#pool-selector").clickOn("sandbox-swarm  ·  swarm");
        await().atMost(PATIENCE).until(() -> text(robot, "#health-demo-passing").equals(Optional.of("1 ok")));

        consul.nodeMaintenance("envboard-swarm-2", "Kernel upgrade (OPS-7)");

        await().atMost(PATIENCE).until(() -> dot(robot, "envboard-swarm-2").equals(Optional.of("maintenance")));
        assertThat(text(robot, "#health-line-envboard-swarm-2").orElseThrow()).contains("Kernel upgrade (OPS-7)");
        await().atMost(PATIENCE).until(() -> text(robot, "#health-demo-maintenance").equals(Optional.of("1 maint")));
        assertThat(text(robot, "#health-demo-passing")).contains("0 ok");
        assertThat(text(robot, "#health-demo-critical")).as("maintenance is not a failure").contains("0 crit");
    }

    @Test
    void consulDownIsUnknownNeverHealthyAndComesBack(FxRobot robot) throws Exception {
        robot.clickOn("#pool-selector").clickOn("sandbox-swarm  ·  swarm");
        await().atMost(PATIENCE).until(() -> dot(robot, "envboard-swarm-1").equals(Optional.of("passing")));

        consul.down();
        await().atMost(PATIENCE).until(() -> dot(robot, "envboard-swarm-1").equals(Optional.of("unknown")));
        assertThat(text(robot, "#health-qa-unknown").orElseThrow()).contains("health unknown");
        assertThat(robot.lookup("#health-qa-passing").tryQuery()).isEmpty();

        consul.up();
        await().atMost(Duration.ofSeconds(90)).until(() -> dot(robot, "envboard-swarm-1").equals(Optional.of("passing")));
    }

    /** The status class of a host card's health dot. */
    private static Optional<String> dot(FxRobot robot, String hostname) {
        return onFx(() -> robot.lookup("#health-" + hostname + " .health-dot").tryQuery()
                .flatMap(dot -> dot.getStyleClass().stream().filter(c -> !c.equals("health-dot")).findFirst()));
    }

    private static Optional<String> text(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).tryQuery().map(node -> ((Label) node).getText()));
    }

    private static List<String> names(TreeTableView<HealthRow> tree) {
        return onFx(() -> {
            List<String> names = new ArrayList<>();
            collect(tree.getRoot(), names);
            return names;
        });
    }

    private static void collect(TreeItem<HealthRow> item, List<String> names) {
        for (TreeItem<HealthRow> child : item.getChildren()) {
            names.add(child.getValue().name());
            collect(child, names);
        }
    }

    private static TreeItem<HealthRow> find(TreeItem<HealthRow> item, String name) {
        for (TreeItem<HealthRow> child : item.getChildren()) {
            if (child.getValue().name().equals(name)) {
                return child;
            }
            TreeItem<HealthRow> below = find(child, name);
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}
