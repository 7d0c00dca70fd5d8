package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.envboard.ui.UiHarness.onFx;
import static org.awaitility.Awaitility.await;

import dev.envboard.containers.ContainerRow;
import dev.envboard.logs.LogLine;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * From the containers table to the log: a real container on a sandbox engine shows up in the
 * table, follows its stop and start there, and Enter opens its live log with colours, filter
 * and search.
 */
@ExtendWith({FxThreadGuardCheck.class, SandboxExtension.class, ApplicationExtension.class})
class ContainersAndLogsTest {
    private static final String NAME = "envboard-ui-logs";
    /** 30 numbered green "ok" lines, one error on stderr, then a tick a second. */
    private static final String SCRIPT = "i=0; while [ $i -lt 30 ]; do i=$((i+1)); printf '\\033[32mok\\033[0m line %d\\n' $i; done; "
            + "echo 'ERROR disk full' >&2; while true; do echo tick; sleep 1; done";
    private static Sandbox sandbox;
    private static Sandbox.Engine engine;
    private UiHarness window;

    @BeforeAll
    static void findSandbox(Sandbox found) {
        sandbox = found;
        engine = sandbox.engine("envboard-host-2");
    }

    @Start
    void start(Stage stage) throws Exception {
        sandbox.docker(engine, "run", "-d", "--name", NAME, "envboard/demo:1", "sh", "-c", SCRIPT);
        window = UiHarness.show(stage, sandbox.poolsFile(), UiHarness.newStateDir());
    }

    @AfterEach
    void close() {
        window.close();
        sandbox.docker(engine, "rm", "-f", NAME);
    }

    @Test
    void theTableFollowsTheEngineAndEnterOpensTheLiveLog(FxRobot robot) {
        robot.clickOn("#pool-selector").clickOn("sandbox-hosts  ·  standalone");
        robot.clickOn("#nav-containers");
        TableView<ContainerRow> table = robot.lookup("#containers-table").queryTableView();
        await().atMost(Duration.ofSeconds(20)).until(() -> state(table).equals(Optional.of("running")));

        sandbox.docker(engine, "stop", "-t", "1", NAME);
        await().atMost(Duration.ofSeconds(20)).until(() -> state(table).equals(Optional.of("exited")));
        sandbox.docker(engine, "start", NAME);
        await().atMost(Duration.ofSeconds(20)).until(() -> state(table).equals(Optional.of("running")));

        robot.clickOn("#containers-filter").write(NAME);
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> table.getItems().size()) == 1);
        robot.clickOn(robot.lookup("#containers-table .table-row-cell").nth(0).queryAs(Node.class)).type(KeyCode.ENTER);

        ListView<LogLine> list = robot.lookup("#logs-list").queryListView();
        // Both runs are in the log: 60 numbered lines, two errors, then the ticks keep coming.
        await().atMost(Duration.ofSeconds(20)).until(() -> count(list, " line 30") == 2 && count(list, "tick") >= 1);
        // More ticks, not just more lines: a re-attach adds a marker line too.
        long ticks = count(list, "tick");
        await().atMost(Duration.ofSeconds(20)).until(() -> count(list, "tick") > ticks);

        // Colour codes become colour, never text.
        WaitForAsyncUtils.waitForFxEvents();
        List<Text> shown = robot.lookup("#logs-list .log-text").queryAllAs(Text.class).stream().toList();
        assertThat(shown).extracting(Text::getText).noneMatch(text -> text.contains("\u001b"));
        Text ok = shown.stream().filter(t -> t.getText().equals("ok")).findFirst().orElseThrow();
        Color green = (Color) ok.getFill();
        assertThat(green.getGreen()).isGreaterThan(green.getRed()).isGreaterThan(green.getBlue());

        robot.clickOn("#logs-filter").write("ERROR");
        await().atMost(Duration.ofSeconds(5)).until(() -> count(list, "ERROR disk full") == 2 && onFx(() -> list.getItems().size()) == 2);
        robot.clickOn("#logs-filter").eraseText("ERROR".length());
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> list.getItems().size()) > 60);

        robot.clickOn("#logs-search").write("line 7").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        LogLine found = list.getSelectionModel().getSelectedItem();
        assertThat(found.text()).contains("line 7");
        assertThat(robot.lookup("#logs-hits").queryLabeled().getText()).startsWith("line ");

        // Stopped, the source waits for the container to run again rather than ending.
        sandbox.docker(engine, "stop", "-t", "1", NAME);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                robot.lookup(".log-source-chip").tryQuery().map(ContainersAndLogsTest::waiting).orElse(false));
    }

    private static Optional<String> state(TableView<ContainerRow> table) {
        return onFx(() -> table.getItems().stream().filter(row -> row.name().equals(NAME)).map(ContainerRow::state).findFirst());
    }

    /** Lines whose text (colour codes and all) ends with {@code end}. */
    private static long count(ListView<LogLine> list, String end) {
        return onFx(() -> list.getItems().stream().filter(line -> line.text().endsWith(end)).count());
    }


    private static boolean waiting(Node chip) {
        return chip.getPseudoClassStates().contains(PseudoClass.getPseudoClass("waiting_for_restart"));
    }
}
