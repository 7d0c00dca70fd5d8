package dev.envboard.ui;

import java.io.PrintWriter;
import javafx.scene.Scene;

/**
 * With {@code ENVBOARD_STARTUP_PROBE=1}, says on stderr when the window's first frame is drawn
 * ({@code envboard-probe first-frame}) and when the board first shows hosts
 * ({@code envboard-probe board-populated hosts=N}), for {@code scripts/bench.sh startup}, which
 * times the lines as it reads them. A JavaFX hello-world in the benchmark says its first frame the
 * same way: the first pulse's post-layout listener after the stage is showing.
 */
final class StartupProbe {
    static final String ENV = "ENVBOARD_STARTUP_PROBE";

    private final Scene scene;
    private final PrintWriter err;
    private boolean firstFrameSaid;
    private Runnable listener;

    private StartupProbe(Scene scene, PrintWriter err) {
        this.scene = scene;
        this.err = err;
    }

    /** Call on the FX thread, right after the stage is shown. */
    static void attach(Scene scene, PrintWriter err) {
        StartupProbe probe = new StartupProbe(scene, err);
        probe.listener = probe::afterLayout;
        scene.addPostLayoutPulseListener(probe.listener);
    }

    private void afterLayout() {
        if (!firstFrameSaid) {
            firstFrameSaid = true;
            say("first-frame");
        }
        // Cards on screen, not hosts in a model: what a user sees.
        int cards = scene.getRoot().lookupAll(".host-card").size();
        if (cards > 0) {
            say("board-populated hosts=" + cards);
            scene.removePostLayoutPulseListener(listener);
        }
    }

    private void say(String what) {
        err.println("envboard-probe " + what);
        err.flush();
    }
}
