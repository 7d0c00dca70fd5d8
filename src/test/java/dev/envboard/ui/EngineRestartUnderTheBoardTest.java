package dev.envboard.ui;

import static dev.envboard.ui.UiHarness.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.containers.ContainerRow;
import dev.envboard.logs.LogLine;
import dev.envboard.pool.HostState;
import dev.envboard.pool.Labels;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A standalone engine and a Swarm node's engine restart under the open window. The board and the
 * containers table, live through it, end up equal to what the engines say (docker node ls and
 * docker info, docker ps -a on every engine), and the log followed across the restart of its
 * container shows every line the container wrote exactly once.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class EngineRestartUnderTheBoardTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String STANDALONE = "envboard-host-1";
    private static final String NODE = "envboard-swarm-3";
    private static final String COUNTER = "envboard-restart-counter";
    private static final String VOLUME = COUNTER + "-data";
    private static final String STILL = "envboard-restart-still";
    private static final String SERVICE = "envboard-restart-global";
    /**
     * Counts on across its own restarts (the count lives in a volume) and keeps a record of every
     * line it printed. TERM only raises a flag, so a line is always printed and recorded whole.
     */
    private static final String COUNTING = "stop=; trap 'stop=1' TERM; n=$(cat /data/n 2>/dev/null || echo 0); "
            + "run=$(( $(cat /data/runs 2>/dev/null || echo 0) + 1 )); echo $run > /data/runs; "
            + "while [ -z \"$stop\" ]; do n=$((n+1)); echo \"run $run line $n\"; echo \"run $run line $n\" >> /data/written; "
            + "echo $n > /data/n; sleep 0.1; done";
    private static final Pattern LINE = Pattern.compile("run (\\d+) line (\\d+)");

    private static Sandbox sandbox;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
    }

    @Start
    void start(Stage stage) throws Exception {
        Sandbox.Engine standalone = sandbox.engine(STANDALONE);
        sandbox.docker(standalone, "run", "-d", "--name", COUNTER, "--restart", "always", "-v", VOLUME + ":/data",
                "envboard/demo:1", "sh", "-c", COUNTING);
        // No restart policy: it stays exited after its engine's restart, which the table must show.
        sandbox.docker(standalone, "run", "-d", "--name", STILL, "--stop-timeout", "1", "envboard/demo:1", "sleep", "100000");
        sandbox.docker(sandbox.engine(NODE), "run", "-d", "--name", STILL, "--restart", "always", "--stop-timeout", "1",
                "envboard/demo:1", "sleep", "100000");
        // A task on every node: the restarted node's task fails and is replaced.
        sandbox.docker(sandbox.manager(), "service", "create", "--detach", "--no-resolve-image", "--name", SERVICE,
                "--mode", "global", "--stop-signal", "KILL", "envboard/demo:1", "sleep", "100000");
        stage.setWidth(1280);
        stage.setHeight(800);
        window = UiHarness.show(stage, sandbox.poolsFile(), UiHarness.newStateDir());
    }

    @AfterEach
    void cleanUp() {
        try {
            window.close();
        } finally {
            sandbox.startEngine(STANDALONE);
            sandbox.startEngine(NODE);
            quietly(sandbox.manager(), "service", "rm", SERVICE);
            quietly(sandbox.engine(STANDALONE), "rm", "-f", COUNTER, STILL);
            quietly(sandbox.engine(STANDALONE), "volume", "rm", VOLUME);
            quietly(sandbox.engine(NODE), "rm", "-f", STILL);
        }
    }

    @Test
    void afterTheRestartsTheBoardTheTableAndTheLogAreRight(FxRobot robot) {
        // The standalone pool, its containers table and the counter's log, all live.
        robot.clickOn("#pool-selector").clickOn("sandbox-hosts  ·  standalone");
        robot.clickOn("#nav-containers");
        TableView<ContainerRow> table = robot.lookup("#containers-table").queryTableView();
        await().atMost(PATIENCE).until(() -> rows(table).contains(STANDALONE + " | " + COUNTER + " | running"));
        robot.clickOn("#containers-filter").write(COUNTER);
        await().atMost(PATIENCE).until(() -> onFx(() -> table.getItems().size()) == 1);
        robot.clickOn(robot.lookup("#containers-table .table-row-cell").nth(0).queryAs(Node.class)).type(KeyCode.ENTER);
        ListView<LogLine> log = robot.lookup("#logs-list").queryListView();
        await().atMost(PATIENCE).until(() -> texts(log).contains("run 1 line 20"));
        robot.clickOn("#nav-containers");
        // Select all and delete: a click may put the caret anywhere in the text.
        robot.clickOn("#containers-filter").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .type(KeyCode.BACK_SPACE);
        await().atMost(PATIENCE).until(() -> rows(table).contains(STANDALONE + " | " + STILL + " | running"));
        robot.clickOn("#nav-board");
        await().atMost(PATIENCE).until(() -> cardState(robot, STANDALONE).equals(HostState.READY.label()));

        sandbox.stopEngine(STANDALONE);
        await().atMost(PATIENCE).until(() -> cardState(robot, STANDALONE).equals(HostState.UNREACHABLE.label()));
        sandbox.startEngine(STANDALONE);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cards(robot)).isEqualTo(standaloneEngines()));
        robot.clickOn("#nav-containers");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rows(table)).isEqualTo(dockerPsA(sandbox.standaloneHosts())));
        assertThat(rows(table)).as("the restarted engine's containers: one came back, one did not")
                .contains(STANDALONE + " | " + COUNTER + " | running", STANDALONE + " | " + STILL + " | exited");

        // The Swarm pool: a node's engine restarts under its board and containers table.
        robot.clickOn("#nav-board");
        robot.clickOn("#pool-selector").clickOn("sandbox-swarm  ·  swarm");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cards(robot)).isEqualTo(swarmNodes()));
        robot.clickOn("#nav-containers");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rows(table)).isEqualTo(dockerPsA(sandbox.swarmNodes())));
        robot.clickOn("#nav-board");

        sandbox.stopEngine(NODE);
        await().atMost(PATIENCE).until(() -> cardState(robot, NODE).equals(HostState.DOWN.label()));
        sandbox.startEngine(NODE);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(cardState(robot, NODE)).isEqualTo(HostState.READY.label());
            assertThat(cards(robot)).isEqualTo(swarmNodes());
        });
        robot.clickOn("#nav-containers");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rows(table)).isEqualTo(dockerPsA(sandbox.swarmNodes())));
        assertThat(rows(table)).as("the node's own container came back").contains(NODE + " | " + STILL + " | running");

        // The log: stopped now, the counter has written its last line; the view shows each exactly once.
        robot.clickOn("#nav-logs");
        sandbox.docker(sandbox.engine(STANDALONE), "stop", "-t", "10", COUNTER);
        List<String> written = sandbox.docker(sandbox.engine(STANDALONE), "run", "--rm", "-v", VOLUME + ":/data",
                "envboard/demo:1", "cat", "/data/written").lines().toList();
        assertContinuousAcrossARestart(written);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(texts(log))
                .as("every line the container wrote, once each, in order").containsExactlyElementsOf(written));
        List<String> all = onFx(() -> log.getItems().stream().map(LogLine::text).toList());
        assertThat(all.subList(all.indexOf(lastOfRun(written, 1)), all.indexOf(firstOfRun(written, 2))))
                .as("Envboard says where it re-attached").hasSizeGreaterThan(1);
    }

    /** The counter's own record: numbered 1, 2, 3… with no gap or repeat, over at least two runs. */
    private static void assertContinuousAcrossARestart(List<String> written) {
        Set<Integer> runs = new TreeSet<>();
        for (int i = 0; i < written.size(); i++) {
            Matcher m = LINE.matcher(written.get(i));
            assertThat(m.matches()).as(written.get(i)).isTrue();
            runs.add(Integer.parseInt(m.group(1)));
            assertThat(Integer.parseInt(m.group(2))).as("line %d of the record: %s", i + 1, written.get(i)).isEqualTo(i + 1);
        }
        assertThat(runs).as("the container ran again after its engine's restart").contains(1, 2);
    }

    private static String lastOfRun(List<String> written, int run) {
        return written.stream().filter(line -> line.startsWith("run " + run + " ")).reduce((a, b) -> b).orElseThrow();
    }

    private static String firstOfRun(List<String> written, int run) {
        return written.stream().filter(line -> line.startsWith("run " + run + " ")).findFirst().orElseThrow();
    }

    /** The log's lines as the container printed them, without Envboard's markers. */
    private static List<String> texts(ListView<LogLine> log) {
        return onFx(() -> log.getItems().stream().filter(line -> !line.isMarker()).map(LogLine::text).toList());
    }

    // ---- the board against docker node ls / docker info -----------------------------------------

    /** Each card as "hostname | state | availability | column | labels". */
    private static Set<String> cards(FxRobot robot) {
        return onFx(() -> {
            Set<String> cards = new TreeSet<>();
            for (Node card : robot.lookup(".host-card").queryAll()) {
                Map<String, String> labels = tooltipLabels(card);
                cards.add(card.getId().substring("host-".length()) + " | " + state(card) + " | "
                        + (has(card, "drain") ? "drain" : "active") + " | " + column(card) + " | " + new TreeMap<>(labels));
            }
            return cards;
        });
    }

    private static String cardState(FxRobot robot, String hostname) {
        return onFx(() -> robot.lookup("#host-" + hostname).tryQuery().map(EngineRestartUnderTheBoardTest::state).orElse("absent"));
    }

    private static String state(Node card) {
        for (HostState state : HostState.values()) {
            if (has(card, state.label())) {
                return state.label();
            }
        }
        return "none";
    }

    private static boolean has(Node node, String pseudoClass) {
        return node.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    private static String column(Node card) {
        for (Parent p = card.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null && p.getId().startsWith("column-")) {
                return p.getId().substring("column-".length());
            }
        }
        return "none";
    }

    /** The labels the card's tooltip lists ("labels {k=v, …}"). */
    private static Map<String, String> tooltipLabels(Node card) {
        Tooltip tooltip = (Tooltip) card.getProperties().get("javafx.scene.control.Tooltip");
        Map<String, String> labels = new TreeMap<>();
        tooltip.getText().lines().filter(line -> line.startsWith("labels {")).findFirst().ifPresent(line -> {
            for (String pair : line.substring("labels {".length(), line.length() - 1).split(", ")) {
                String[] kv = pair.split("=", 2);
                labels.put(kv[0], kv[1]);
            }
        });
        return labels;
    }

    private static Set<String> swarmNodes() {
        Set<String> nodes = new TreeSet<>();
        for (String line : sandbox.docker(sandbox.manager(), "node", "ls", "--format", "{{.ID}}|{{.Hostname}}|{{.Status}}|{{.Availability}}")
                .lines().toList()) {
            String[] f = line.split("\\|");
            Map<String, String> labels = json(sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{json .Spec.Labels}}", f[0]));
            nodes.add(f[1] + " | " + f[2].toLowerCase() + " | " + f[3].toLowerCase() + " | "
                    + labels.getOrDefault("environment", "unassigned") + " | " + new TreeMap<>(labels));
        }
        return nodes;
    }

    private static Set<String> standaloneEngines() {
        Set<String> engines = new TreeSet<>();
        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            String name = sandbox.docker(engine, "info", "--format", "{{.Name}}");
            String joined = sandbox.docker(engine, "info", "--format", "{{join .Labels \",\"}}");
            Map<String, String> labels = Labels.fromEngineList(joined.isEmpty() ? new String[0] : joined.split(","));
            engines.add(name + " | ready | active | " + labels.getOrDefault("environment", "unassigned") + " | " + new TreeMap<>(labels));
        }
        return engines;
    }

    private static Map<String, String> json(String text) {
        try {
            Map<String, String> map = new ObjectMapper().readValue(text, new TypeReference<Map<String, String>>() { });
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    // ---- the containers table against docker ps -a -------------------------------------------

    /** The table's containers as "host | name | state" (Swarm tasks without a container are not on any engine). */
    private static Set<String> rows(TableView<ContainerRow> table) {
        return onFx(() -> {
            Set<String> rows = new TreeSet<>();
            for (ContainerRow row : table.getItems()) {
                if (row.containerId() != null) {
                    rows.add(row.host() + " | " + row.name() + " | " + row.state());
                }
            }
            return rows;
        });
    }

    /** docker ps -a of each engine, task containers named as docker service ps names them (web.2, not web.2.TASKID). */
    private static Set<String> dockerPsA(List<Sandbox.Engine> engines) {
        Set<String> containers = new TreeSet<>();
        for (Sandbox.Engine engine : engines) {
            String out = sandbox.docker(engine, "ps", "-a", "--format",
                    "{{.Names}}|{{.State}}|{{.Label \"com.docker.swarm.task.id\"}}");
            for (String line : out.lines().toList()) {
                String[] f = line.split("\\|", -1);
                String name = !f[2].isEmpty() && f[0].endsWith("." + f[2]) ? f[0].substring(0, f[0].length() - f[2].length() - 1) : f[0];
                containers.add(engine.name() + " | " + name + " | " + f[1]);
            }
        }
        return containers;
    }

    private static void quietly(Sandbox.Engine engine, String... args) {
        try {
            sandbox.docker(engine, args);
        } catch (AssertionError nothing) {
            // not there
        }
    }
}
