package dev.envboard.ui.demo;

import dev.envboard.ui.common.Icons;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Desktop notifications as ControlsFX shows them, at the bottom right of the window's screen. */
public final class ControlsFxNotifier implements ExpiryNotifier {
    /** Long enough to be seen after a coffee; the board keeps showing the countdown anyway. */
    static final Duration SHOWN = Duration.minutes(2);

    private final Supplier<Window> owner;
    private final BooleanSupplier dark;

    /** @param dark whether the window shows the dark theme (the notification follows it) */
    public ControlsFxNotifier(Supplier<Window> owner, BooleanSupplier dark) {
        this.owner = owner;
        this.dark = dark;
    }

    @Override
    public void show(String title, String text, Runnable onClick) {
        Notifications notification = Notifications.create().title(title).text(text).graphic(Icons.TIMER.create())
                .position(Pos.BOTTOM_RIGHT).hideAfter(SHOWN).onAction(e -> onClick.run());
        Window window = owner.get();
        if (window != null && window.isShowing()) {
            notification.owner(window);
        }
        if (dark.getAsBoolean()) {
            notification.darkStyle();
        }
        notification.show();
    }
}
