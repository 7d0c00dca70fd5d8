package dev.envboard.ui;

import static dev.envboard.ui.UiHarness.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.envboard.testing.engine.EngineSimulator;
import dev.envboard.testing.engine.VirtualNode;
import dev.envboard.testing.engine.VirtualSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The board on a simulated Swarm of 500 nodes in 30 environments (no sandbox needed): columns
 * and their counts, a column of over a hundred hosts virtualised and scrolled to its end, sideways
 * scrolling, the search, collapsing and compact cards, and both kept across a restart of the window.
 */
@ExtendWith({FxThreadGuardCheck.class, ApplicationExtension.class})
class BoardAtScaleTest {
    private static final int NODES = 500;
    /** The big one: 8 of the 37 slots the simulator deals nodes round, i.e. 108 of 500 hosts. */
    private static final String BIG = "qa";
    private static final List<String> OTHERS = List.of("staging", "demo", "dev", "perf", "uat", "preprod", "sandbox",
            "training", "payments", "search", "billing", "checkout", "catalog", "identity", "mobile", "partners",
            "reports", "ml", "data", "ops", "canary", "hotfix", "release", "sales-demo", "support", "security",
            "infra", "edge", "eu-west");

    private static EngineSimulator simulator;
    private static VirtualSwarm swarm;
    private static Path poolsFile;
    private Path stateDir;
    private Stage stage;
    private UiHarness window;

    @BeforeAll
    static void simulate() throws Exception {
        List<String> slots = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            slots.add(BIG);
        }
        slots.addAll(OTHERS);
        simulator = EngineSimulator.start();
        swarm = simulator.swarm("scale", NODES, slots, 2);
        poolsFile = simulator.writePoolsYaml(Files.createTempDirectory("envboard-scale").resolve("pools.yaml"));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Start
    void start(Stage given) throws Exception {
        stage = given;
        stage.setWidth(1280);
        stage.setHeight(800);
        stateDir = UiHarness.newStateDir();
        window = UiHarness.show(stage, poolsFile, stateDir);
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void fiveHundredHostsInThirtyColumns(FxRobot robot) {
        await().atMost(Duration.ofSeconds(90)).until(() -> robot.lookup("#column-" + BIG + " .host-card").tryQuery().isPresent());
        Map<String, Long> expected = swarm.nodes().stream()
                .collect(Collectors.groupingBy(n -> n.labels().get(EngineSimulator.LABEL_KEY), Collectors.counting()));
        assertThat(expected).hasSize(30);
        assertThat(expected.get(BIG)).isGreaterThan(100);

        // 30 environment columns (and Unassigned), each counting the simulator's hosts of its environment.
        Set<String> columns = onFx(() -> robot.lookup(".env-column").queryAll().stream().map(Node::getId).collect(Collectors.toSet()));
        assertThat(columns).containsExactlyInAnyOrderElementsOf(
                expected.keySet().stream().map(env -> "column-" + env).collect(Collectors.toCollection(() -> new java.util.HashSet<>(Set.of("column-unassigned")))));
        expected.forEach((env, count) -> assertThat(text(robot, "#column-" + env + " .column-title-row .count-badge"))
                .as(env).isEqualTo(String.valueOf(count)));

        // Virtualised: the big column has nodes only for the cards in view.
        int bigCards = cardsIn(robot, BIG).size();
        assertThat(bigCards).isPositive().isLessThan(20);

        // Sideways, by keyboard: Page Down (a column at a time) brings the big column into view, Home goes back.
        robot.interact(() -> robot.lookup("#board").query().requestFocus());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            robot.type(KeyCode.PAGE_DOWN);
            return fullyInView(robot, "#column-" + BIG);
        });
        robot.type(KeyCode.HOME);
        await().atMost(Duration.ofSeconds(5)).until(() -> fullyInView(robot, "#column-unassigned"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            robot.type(KeyCode.PAGE_DOWN);
            return fullyInView(robot, "#column-" + BIG);
        });

        // Wheel events on its cards scroll them down to the last host. (Fired at the list: the headless
        // robot's wheel does not reach it.) The board passes them on, as it does every unshifted wheel.
        String last = hostnames(BIG).get(hostnames(BIG).size() - 1);
        assertThat(robot.lookup("#column-" + BIG + " #host-" + last).tryQuery()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            robot.interact(() -> wheel(robot.lookup("#cards-" + BIG + " .virtual-flow").query(), -400));
            return robot.lookup("#column-" + BIG + " #host-" + last).tryQuery().isPresent();
        });
        assertThat(cardsIn(robot, BIG).size()).isLessThan(20);

        // Ctrl+F, type: exactly the matching cards are highlighted, the others dimmed, and counted.
        String query = "node-12";
        List<String> matching = swarm.nodes().stream().map(VirtualNode::hostname).filter(h -> h.contains(query)).toList();
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write(query);
        await().atMost(Duration.ofSeconds(5)).until(() -> text(robot, "#board-search-count").equals(matching.size() + " of " + NODES + " hosts"));
        onFx(() -> {
            for (Node card : robot.lookup(".host-card").queryAll()) {
                boolean matches = matching.contains(card.getId().substring("host-".length()));
                assertThat(has(card, "match")).as(card.getId()).isEqualTo(matches);
                assertThat(has(card, "dimmed")).as(card.getId()).isEqualTo(!matches);
            }
            return null;
        });
        // Enter goes to the first match in board order, scrolling its column and its card into view.
        robot.type(KeyCode.ENTER);
        String first = firstMatchInBoardOrder(expected.keySet(), matching);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#host-" + first).tryQuery()
                .map(card -> has(card, "current-match")).orElse(false) && fullyInView(robot, "#host-" + first));

        // Collapsing: a narrow strip with the count; Enter on a match inside expands it again.
        String env = environmentOf(first);
        robot.clickOn("#collapse-" + env);
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> robot.lookup("#column-" + env).queryAs(Region.class).getWidth() < 60));
        assertThat(text(robot, "#strip-count-" + env)).isEqualTo(String.valueOf(expected.get(env)));
        assertThat(cardsIn(robot, env)).isEmpty();
        robot.clickOn("#board-search");
        for (int i = 0; i < matching.size(); i++) {
            robot.type(KeyCode.ENTER); // around the whole list, back to the first match
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#column-" + env + " #host-" + first).tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(5)).until(() -> text(robot, "#board-search-count").isEmpty());
        assertThat(onFx(() -> robot.lookup(".host-card").queryAll().stream().noneMatch(c -> has(c, "dimmed") || has(c, "match")))).isTrue();

        // Compact cards: one line each, so more of them in the same column.
        double tall = cardHeight(robot, BIG);
        robot.clickOn("#compact-cards");
        await().atMost(Duration.ofSeconds(5)).until(() -> cardsIn(robot, BIG).stream().allMatch(c -> has(c, "compact")));
        assertThat(cardHeight(robot, BIG)).isLessThan(tall / 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> cardsIn(robot, BIG).size() > bigCards);
        robot.clickOn("#collapse-" + env);

        // Both are remembered: a new window on the same state shows them again.
        assertThat(window.awaitStateSaved()).isEmpty();
        window.close();
        robot.interact(() -> window = UiHarness.show(stage, poolsFile, stateDir));
        await().atMost(Duration.ofSeconds(90)).until(() -> robot.lookup("#column-" + BIG + " .host-card").tryQuery().isPresent());
        assertThat(onFx(() -> robot.lookup("#column-" + env).queryAs(Region.class).getWidth())).isLessThan(60);
        assertThat(onFx(() -> cardsIn(robot, BIG).stream().allMatch(c -> has(c, "compact")))).isTrue();
        robot.clickOn("#compact-cards");
        await().atMost(Duration.ofSeconds(5)).until(() -> cardsIn(robot, BIG).stream().noneMatch(c -> has(c, "compact")));
    }

    /** A mouse wheel turn over the node, as the toolkit delivers it (negative: down). */
    private static void wheel(Node node, double deltaY) {
        Bounds bounds = node.localToScreen(node.getLayoutBounds());
        javafx.event.Event.fireEvent(node, new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL,
                bounds.getWidth() / 2, bounds.getHeight() / 2, bounds.getCenterX(), bounds.getCenterY(),
                false, false, false, false, false, false, 0, deltaY, 0, deltaY,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
    }

    private static List<String> hostnames(String environment) {
        return swarm.nodes().stream().filter(n -> environment.equals(n.labels().get(EngineSimulator.LABEL_KEY)))
                .map(VirtualNode::hostname).sorted().toList();
    }

    private static String environmentOf(String hostname) {
        return swarm.nodes().stream().filter(n -> n.hostname().equals(hostname)).findFirst().orElseThrow()
                .labels().get(EngineSimulator.LABEL_KEY);
    }

    /** Columns by name, cards by hostname: the order the board shows them in. */
    private static String firstMatchInBoardOrder(Set<String> environments, List<String> matching) {
        return environments.stream().sorted().flatMap(env -> hostnames(env).stream()).filter(matching::contains).findFirst().orElseThrow();
    }

    private static List<Node> cardsIn(FxRobot robot, String environment) {
        return onFx(() -> List.copyOf(robot.lookup("#column-" + environment + " .host-card").queryAll()));
    }

    private static double cardHeight(FxRobot robot, String environment) {
        return onFx(() -> cardsIn(robot, environment).stream().mapToDouble(c -> c.getLayoutBounds().getHeight()).max().orElseThrow());
    }

    private static String text(FxRobot robot, String query) {
        return onFx(() -> ((Labeled) robot.lookup(query).query()).getText());
    }

    private static boolean has(Node node, String pseudoClass) {
        return node.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals(pseudoClass));
    }

    /** Whether the node shows whole inside the board's scroll pane. */
    private static boolean fullyInView(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).tryQuery().map(node -> {
            ScrollPane board = robot.lookup(".board-scroll").queryAs(ScrollPane.class);
            Bounds viewport = board.localToScene(board.getLayoutBounds());
            Bounds bounds = node.localToScene(node.getLayoutBounds());
            return bounds.getMinX() >= viewport.getMinX() && bounds.getMaxX() <= viewport.getMaxX();
        }).orElse(false));
    }
}
