package dev.envboard.ui;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import org.testfx.api.FxRobot;

/**
 * Host cards as the screen shows them, read on the FX thread. A column's card list lays its
 * cells out again whenever its header or size changes (Consul's first answers, a new count), and
 * keeps cells aside for reuse, hidden. A lookup from the test thread can meet it in the middle
 * of that and find no card, or one that is about to show another host; pressing the mouse at a
 * point read on the FX thread from a card that shows, in a column that shows, does not.
 */
final class ShownCards {
    private ShownCards() {
    }

    /** The card of {@code host} in the column with that key ("unassigned" or the environment), if it shows there. */
    static Optional<Node> in(FxRobot robot, String column, String host) {
        return UiHarness.onFx(() -> robot.lookup("#column-" + column + " #host-" + host).queryAll().stream()
                .filter(ShownCards::showing).findFirst());
    }

    static Optional<Node> of(FxRobot robot, String host) {
        return UiHarness.onFx(() -> robot.lookup("#host-" + host).queryAll().stream().filter(ShownCards::showing).findFirst());
    }

    /** The card's centre on screen, read twice a pulse apart and equal: the column is done laying it out. */
    static Optional<Point2D> settledCentre(FxRobot robot, String column, String host) {
        Optional<Point2D> first = in(robot, column, host).map(ShownCards::centre);
        robot.sleep(100);
        Optional<Point2D> second = in(robot, column, host).map(ShownCards::centre);
        return first.isPresent() && first.equals(second) ? first : Optional.empty();
    }

    /** Waits (up to 30 s) for the card to show settled in that column, and gives its centre on screen. */
    static Point2D awaitSettled(FxRobot robot, String column, String host) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> settledCentre(robot, column, host), Optional::isPresent).orElseThrow();
    }

    static boolean hasPseudoClass(FxRobot robot, String host, String pseudoClass) {
        return of(robot, host).map(card -> UiHarness.onFx(() -> card.getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals(pseudoClass)))).orElse(false);
    }

    private static Point2D centre(Node card) {
        return UiHarness.onFx(() -> {
            Bounds bounds = card.localToScreen(card.getLayoutBounds());
            return new Point2D(bounds.getCenterX(), bounds.getCenterY());
        });
    }

    /** The node and every parent visible, and in a scene. */
    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
