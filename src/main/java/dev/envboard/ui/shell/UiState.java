package dev.envboard.ui.shell;

/**
 * What the window remembers between runs: geometry and theme.
 *
 * @param theme "system", "light" or "dark"
 */
public record UiState(double x, double y, double width, double height, boolean maximized, String theme,
                      String selectedPool) {

    public static UiState defaults() {
        return new UiState(Double.NaN, Double.NaN, 1280, 800, false, "system", null);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}
