package dev.envboard.ui.shell;

import dev.envboard.ui.common.Icons;

/** The main window's sections, in navigation order. */
public enum NavSection {
    BOARD("Board", Icons.BOARD),
    CONTAINERS("Containers", Icons.CONTAINERS),
    LOGS("Logs", Icons.LOGS),
    HEALTH("Health", Icons.HEALTH),
    DEPLOYS("Deploys", Icons.DEPLOYS);

    private final String title;
    private final Icons icon;

    NavSection(String title, Icons icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public Icons icon() {
        return icon;
    }
}
