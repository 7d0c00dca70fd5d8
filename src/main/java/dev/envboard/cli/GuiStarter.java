package dev.envboard.cli;

import java.nio.file.Path;

/** Opens the window; the composition root hands the UI's launcher in, so the CLI never touches JavaFX itself. */
@FunctionalInterface
public interface GuiStarter {
    /** Blocks until the window closes; returns the process exit code. */
    int start(Path configFile);
}
