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
 * demo and threshold however often the demos are read again. Only the most urgent threshold
 * crossed is told (after a night asleep, one notification, not three), and none that lay before
 * the demo was created (a 30 min demo is not "expiring in 1 h" at launch) or before an extension
 * was seen (it moved the expiry: its thresholds are told when crossed anew). Kept demos are never
 * told about. Pure: the clock is {@link DemoExpiry}'s; nothing here shows anything.
 */
final class ExpiryNotifications {
    /** One notification to show; clicking it selects the demo's column. */
    record Notice(String pool, String environment, DemoExpiry.Threshold threshold, String title, String text) {
    }

    /** One demo, whatever its expiry. */
    private record DemoId(String pool, String environment, Instant created) {
    }

    /**
     * What was told of a demo at one expiry: thresholds are counted from {@code since} (its
     * creation, or when an extension was first seen), up to the most urgent one told.
     */
    private record Told(Instant expires, Instant since, DemoExpiry.Threshold threshold) {
    }

    private final DemoExpiry expiry;
    /** Dropped a day after the expiry they know, so it stays small. */
    private final Map<DemoId, Told> told = new HashMap<>();
    private Instant lastCheck;

    ExpiryNotifications(DemoExpiry expiry) {
        this.expiry = expiry;
    }

    /** The notifications due now for these demos (of any pools), each returned once. */
    List<Notice> due(Collection<Demo> demos) {
        Instant now = expiry.now();
        Instant previous = lastCheck == null ? now : lastCheck;
        lastCheck = now;
        told.values().removeIf(t -> t.expires().plus(Duration.ofDays(1)).isBefore(now));
        List<Notice> due = new ArrayList<>();
        for (Demo demo : demos) {
            DemoId id = new DemoId(demo.pool(), demo.environment(), demo.created());
            Told before = told.get(id);
            if (before == null || !before.expires().equals(demo.expires())) {
                before = new Told(demo.expires(), before == null ? demo.created() : previous, null);
                told.put(id, before);
            }
            if (demo.keep() || demo.state() == DemoState.TEARING_DOWN) {
                continue;
            }
            Optional<DemoExpiry.Threshold> crossed = expiry.mostUrgentCrossedSince(demo, before.since());
            if (crossed.isEmpty() || crossed.get() == DemoExpiry.Threshold.EXPIRED) {
                continue; // an expired demo is highlighted on the board and offered for teardown
            }
            if (before.threshold() == null || crossed.get().compareTo(before.threshold()) > 0) {
                told.put(id, new Told(before.expires(), before.since(), crossed.get()));
                due.add(notice(demo, crossed.get()));
            }
        }
        return due;
    }

    private Notice notice(Demo demo, DemoExpiry.Threshold threshold) {
        String left = DemoDuration.countdown(expiry.timeLeft(demo));
        return new Notice(demo.pool(), demo.environment(), threshold, "Demo " + demo.environment() + " " + threshold.text(),
                demo.environment() + " for " + demo.customer() + " (by " + demo.owner() + ", pool " + demo.pool() + ")\n"
                        + "expires in " + left + ": extend it, keep it, or tear it down.");
    }
}
