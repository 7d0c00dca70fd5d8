package dev.envboard.ui.shell;

import java.util.List;

/**
 * What the window remembers between runs: geometry, theme, the pool on screen, the watched
 * environments and the board's layout.
 *
 * @param theme            "system", "light" or "dark"
 * @param watched          the environments whose deploys and health are notified, as "POOL/ENVIRONMENT"
 * @param compactCards     whether the board shows one-line cards
 * @param collapsedColumns the board's collapsed columns, as "POOL/ENVIRONMENT" ("POOL/" for Unassigned)
 */
public record UiState(double x, double y, double width, double height, boolean maximized, String theme,
                      String selectedPool, List<String> watched, boolean compactCards, List<String> collapsedColumns) {

    public UiState {
        watched = watched == null ? List.of() : List.copyOf(watched); // a file from before watching has none
        collapsedColumns = collapsedColumns == null ? List.of() : List.copyOf(collapsedColumns);
    }

    /** With the board's default layout. */
    public UiState(double x, double y, double width, double height, boolean maximized, String theme, String selectedPool,
                   List<String> watched) {
        this(x, y, width, height, maximized, theme, selectedPool, watched, false, List.of());
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
