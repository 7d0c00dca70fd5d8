package dev.envboard.ui.demo;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/** The one timer behind every demo countdown: a tick a second on the FX thread, however many columns show. */
public final class DemoTicker {
    private final DemoBoardModel model;
    private final Timeline timeline;

    public DemoTicker(DemoBoardModel model) {
        this.model = model;
        timeline = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
        timeline.setCycleCount(Animation.INDEFINITE);
    }

    /** Ticks once now (the first read of the demos), then every second. */
    public void start() {
        model.tick();
        timeline.play();
    }

    public void stop() {
        timeline.stop();
    }
}
