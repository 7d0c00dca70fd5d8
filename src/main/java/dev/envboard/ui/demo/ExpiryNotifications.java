package dev.envboard.ui.demo;

import dev.envboard.demo.Demo;
import dev.envboard.demo.DemoExpiry;
import dev.envboard.demo.DemoState;
import dev.envboard.demo.template.DemoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which expiry notifications are due: 24 h, 1 h and 10 min before a demo expires, each once per
 * demo and threshold however often the demos are listed again. Only the most urgent threshold
 * crossed is told (after a night asleep, one notification, not three), and none that lay before
 * the demo was created (a 30 min demo is not "expiring in 1 h" at launch). An extension moves
 * the expiry, so its thresholds are told again when crossed anew. Kept demos are never told
 * about. Pure: the clock is {@link DemoExpiry}'s; nothing here shows anything.
 */
final class ExpiryNotifications {
    /** One notification to show; clicking it selects the demo's column. */
    record Notice(String pool, String environment, DemoExpiry.Threshold threshold, String title, String text) {
    }

    /** A demo's record at one expiry: an extension makes a new one. */
    private record Told(String pool, String environment, Instant created, Instant expires) {
    }

    private final DemoExpiry expiry;
    /** The most urgent threshold told per demo and expiry; dropped a day after that expiry, so it stays small. */
    private final Map<Told, DemoExpiry.Threshold> told = new HashMap<>();

    ExpiryNotifications(DemoExpiry expiry) {
        this.expiry = expiry;
    }

    /** The notifications due now for these demos (of any pools), each returned once. */
    List<Notice> due(Collection<Demo> demos) {
        Instant now = expiry.now();
        told.keySet().removeIf(t -> t.expires().plus(Duration.ofDays(1)).isBefore(now));
        List<Notice> due = new ArrayList<>();
        for (Demo demo : demos) {
            if (demo.keep() || demo.state() == DemoState.TEARING_DOWN) {
                continue;
            }
            Optional<DemoExpiry.Threshold> crossed = expiry.mostUrgentCrossedSince(demo, demo.created());
            if (crossed.isEmpty() || crossed.get() == DemoExpiry.Threshold.EXPIRED) {
                continue; // an expired demo is highlighted on the board and offered for teardown
            }
            Told key = new Told(demo.pool(), demo.environment(), demo.created(), demo.expires());
            DemoExpiry.Threshold before = told.get(key);
            if (before == null || crossed.get().compareTo(before) > 0) {
                told.put(key, crossed.get());
                due.add(notice(demo, crossed.get()));
            }
        }
        return due;
    }

    private Notice notice(Demo demo, DemoExpiry.Threshold threshold) {
        String left = DemoDuration.countdown(expiry.timeLeft(demo));
        return new Notice(demo.pool(), demo.environment(), threshold, "Demo " + demo.environment() + " " + threshold.text(),
                demo.environment() + " (for " + demo.customer() + ", by " + demo.owner() + ", pool " + demo.pool() + ") expires in "
                        + left + ". Extend it, keep it, or tear it down.");
    }
}
