package dev.envboard.ui;

import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolStatus;
import dev.envboard.ui.common.StartGate;
import dev.envboard.ui.shell.PoolItem;
import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;

/**
 * The window's first look is the board with the selected pool's hosts: the start gate opens once
 * that pool has answered and the frame showing it is laid out, or after {@link #LIMIT} when it
 * does not answer (or there is no pool), so that nothing waits on an unreachable engine.
 */
final class FirstLook {
    static final Duration LIMIT = Duration.ofSeconds(3);

    private FirstLook() {
    }

    /** Call on the FX thread once the stage is shown and the pools are being watched. */
    static void openWhenShown(Scene scene, ObservableValue<PoolItem> selectedPool, StartGate gate) {
        PauseTransition limit = new PauseTransition(javafx.util.Duration.millis(LIMIT.toMillis()));
        limit.setOnFinished(e -> gate.open());
        limit.play();
        PoolItem pool = selectedPool.getValue();
        if (pool == null) {
            gate.open();
            return;
        }
        ChangeListener<PoolSnapshot> answered = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends PoolSnapshot> obs, PoolSnapshot old, PoolSnapshot now) {
                if (now != null && now.status() != PoolStatus.UNKNOWN) {
                    pool.snapshotProperty().removeListener(this);
                    afterNextLayout(scene, () -> {
                        limit.stop();
                        gate.open();
                    });
                }
            }
        };
        pool.snapshotProperty().addListener(answered);
        answered.changed(pool.snapshotProperty(), null, pool.snapshot());
    }

    private static void afterNextLayout(Scene scene, Runnable then) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            then.run();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
