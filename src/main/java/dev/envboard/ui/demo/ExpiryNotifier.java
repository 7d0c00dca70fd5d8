package dev.envboard.ui.demo;

/** Shows a desktop notification ({@link ControlsFxNotifier} in the app); FX thread only. */
@FunctionalInterface
public interface ExpiryNotifier {
    /** @param onClick runs on the FX thread when the user clicks the notification */
    void show(String title, String text, Runnable onClick);
}
