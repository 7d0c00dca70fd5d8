package dev.envboard.ui.demo;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one timer behind every demo countdown: a tick a second on the FX thread, however many
 * columns show. A scheduled task, not a Timeline: a running Timeline keeps JavaFX pulsing sixty
 * times a second, which an idle window must not do.
 */
public final class DemoTicker {
    private final DemoBoardModel model;
    private final ScheduledExecutorService timer;
    private final Executor fx;
    private ScheduledFuture<?> ticking;

    /** @param fx runs on the FX thread */
    public DemoTicker(DemoBoardModel model, ScheduledExecutorService timer, Executor fx) {
        this.model = model;
        this.timer = timer;
        this.fx = fx;
    }

    /** Ticks once now (the first read of the demos), then every second; call on the FX thread. */
    public void start() {
        model.tick();
        ticking = timer.scheduleAtFixedRate(() -> fx.execute(model::tick), 1, 1, TimeUnit.SECONDS);
    }

    public void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
