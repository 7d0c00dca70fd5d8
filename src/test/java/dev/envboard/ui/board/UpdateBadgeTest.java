package dev.envboard.ui.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.updates.EnvironmentUpdates;
import dev.envboard.deploy.updates.ServiceUpdate;
import dev.envboard.deploy.updates.UpdateState;
import dev.envboard.pool.Host;
import dev.envboard.testing.TestHosts;
import dev.envboard.ui.FxThreadGuardCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The update badge in an environment's title row, on a real column node: shown, styled by state,
 * with the services old → new in its tooltip, and gone again; the title row keeps its nodes.
 */
@ExtendWith({FxThreadGuardCheck.class, ApplicationExtension.class})
class UpdateBadgeTest {
    private static final String OLD = "sha256:" + "a".repeat(64);
    private static final String NEW = "sha256:" + "b".repeat(64);
    private static final String IMAGE = "registry.test:5443/demo:latest";

    private final Host delta = TestHosts.node("delta").in("qa").build();
    private final BoardFixture f = new BoardFixture(delta);
    private EnvironmentColumn column;

    @Start
    void start(Stage stage) {
        BoardActions none = new BoardActions() {
            @Override
            public boolean requestMove(List<Host> hosts, String to) {
                return false;
            }

            @Override
            public void requestRename(String environment) {
            }

            @Override
            public void requestRemove(String environment) {
            }

            @Override
            public void requestRedeploy(String environment) {
            }

            @Override
            public void toggleWatch(String environment) {
            }
        };
        column = new EnvironmentColumn(qa(), f.board, none);
        stage.setScene(new Scene(column, 320, 400));
        stage.show();
    }

    private EnvironmentColumnModel qa() {
        return f.board.columns().stream().filter(c -> "qa".equals(c.environment())).findFirst().orElseThrow();
    }

    private void round(ServiceUpdate... services) {
        f.updateRound = environments -> List.of(new EnvironmentUpdates("lab", "qa", List.of(services), null, 1,
                Instant.parse("2026-02-01T10:00:00Z")));
        f.scheduler.runNext();
    }

    private List<Node> titleRow(FxRobot robot) {
        AtomicReference<List<Node>> row = new AtomicReference<>();
        robot.interact(() -> {
            column.show(qa());
            row.set(List.copyOf(((HBox) robot.lookup(".column-title-row").query()).getChildren()));
        });
        return row.get();
    }

    @Test
    void theBadgeShowsInTheTitleRowByStateAndLeavesTheOtherNodesInPlace(FxRobot robot) {
        List<Node> before = titleRow(robot);
        assertThat(robot.lookup("#update-badge-qa").tryQuery()).as("not checked yet: no badge").isEmpty();

        round(new ServiceUpdate("web", IMAGE, UpdateState.UPDATE_AVAILABLE, Map.of("delta", OLD), NEW, null, false));
        List<Node> available = titleRow(robot);
        Label badge = robot.lookup("#update-badge-qa").queryAs(Label.class);
        assertThat(badge.getText()).isEqualTo("update available");
        assertThat(badge.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("available"));
        assertThat(badge.getTooltip().getText()).contains("web " + IMAGE + " sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…")
                .contains("1 registry requests in the last check");
        assertThat(available).containsAll(before).contains(badge);

        round(new ServiceUpdate("web", IMAGE, UpdateState.UNKNOWN, Map.of("delta", OLD), null, "registry unreachable", true));
        titleRow(robot);
        Label failed = robot.lookup("#update-badge-qa").queryAs(Label.class);
        assertThat(failed).as("the same node, restyled").isSameAs(badge);
        assertThat(failed.getText()).isEqualTo("update check failed");
        assertThat(failed.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("failed"))
                .doesNotContain(PseudoClass.getPseudoClass("available"));
        assertThat(failed.getTooltip().getText()).startsWith("update check failed: web: registry unreachable");

        round(new ServiceUpdate("web", IMAGE, UpdateState.UP_TO_DATE, Map.of("delta", NEW), NEW, null, false));
        List<Node> upToDate = titleRow(robot);
        assertThat(robot.lookup("#update-badge-qa").tryQuery()).as("up to date: no badge").isEmpty();
        assertThat(upToDate).containsExactlyElementsOf(before);
        assertThat(robot.lookup(".column-stats").queryAs(Label.class).getTooltip().getText()).startsWith("images up to date: web");
        WaitForAsyncUtils.waitForFxEvents();
    }
}
