package dev.envboard.ui.demo;

/**
 * What a demo's entry-point links do: open in the user's browser, copy to the clipboard. The app's
 * is {@link SystemLinks} (HostServices and the system clipboard); tests give their own, so no
 * browser starts and view models stay testable without a toolkit.
 */
public interface Links {
    void open(String url);

    /** Call on the FX thread. */
    void copy(String text);
}
