package dev.envboard.ui.shell;

import java.util.List;

/**
 * What the window remembers between runs: geometry, theme, the pool on screen and the watched
 * environments.
 *
 * @param theme   "system", "light" or "dark"
 * @param watched the environments whose deploys and health are notified, as "POOL/ENVIRONMENT"
 */
public record UiState(double x, double y, double width, double height, boolean maximized, String theme,
                      String selectedPool, List<String> watched) {

    public UiState {
        watched = watched == null ? List.of() : List.copyOf(watched); // a file from before watching has none
    }

    /** Without watched environments. */
    public UiState(double x, double y, double width, double height, boolean maximized, String theme, String selectedPool) {
        this(x, y, width, height, maximized, theme, selectedPool, List.of());
    }

    public static UiState defaults() {
        return new UiState(Double.NaN, Double.NaN, 1280, 800, false, "system", null, List.of());
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}
