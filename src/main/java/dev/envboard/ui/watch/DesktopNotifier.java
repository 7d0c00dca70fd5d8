package dev.envboard.ui.watch;

import dev.envboard.ui.common.Icons;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows a watch alert as a desktop notification (ControlsFX), bottom right of the window's
 * screen; a click on it opens what it is about. Call on the FX thread.
 */
public final class DesktopNotifier {
    /** Long enough to read two lines; the Deploys and Health views keep the whole story. */
    static final Duration SHOWN_FOR = Duration.seconds(10);

    private final Window owner;
    private final Consumer<WatchAlert> open;

    /** @param open what a click on a notification does (shows the environment's Deploys or Health view) */
    public DesktopNotifier(Window owner, Consumer<WatchAlert> open) {
        this.owner = owner;
        this.open = open;
    }

    public void show(WatchAlert alert) {
        Notifications.create()
                .owner(owner)
                .title(alert.title())
                .text(alert.text())
                .graphic((alert.kind().isBad() ? Icons.ERROR : alert.kind().opensHealth() ? Icons.HEALTH : Icons.DEPLOYS).create())
                .styleClass("envboard-notification", alert.kind().isBad() ? "bad" : "good")
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOWN_FOR)
                .onAction(e -> open.accept(alert))
                .show();
    }
}
