package dev.envboard.deploy.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive listings of a pool's deploys into events. The first listing is the baseline
 * (history, no events). A deploy seen for the first time running starts; one that ended since it
 * was last seen ends. One first seen already ended (both revisions came between two listings)
 * yields its start and its end, except a refused run, which never started. A deploy that drops
 * out of a listing (an engine that holds it does not answer) and comes back says nothing again.
 * Not thread-safe: one feed calls it from one relist at a time.
 */
final class DeployChanges {
    /** Deploys remembered with their last status; past it the oldest are forgotten. */
    static final int REMEMBERED = 10_000;

    private final Map<String, DeployEntry.Status> known = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeployEntry.Status> eldest) {
            return size() > REMEMBERED;
        }
    };
    private boolean baseline = true;

    List<DeployEvent> next(List<DeployEntry> listing) {
        List<DeployEvent> events = new ArrayList<>();
        // Oldest first, so that events come in the order the deploys happened.
        List<DeployEntry> ordered = new ArrayList<>(listing);
        ordered.sort(DeployEntries.NEWEST_FIRST.reversed());
        for (DeployEntry entry : ordered) {
            DeployEntry.Status before = known.get(entry.id());
            DeployEntry.Status now = entry.status();
            if (!baseline && before != now) {
                events.addAll(between(before, entry));
            }
            known.put(entry.id(), now);
        }
        baseline = false;
        return events;
    }

    private static List<DeployEvent> between(DeployEntry.Status before, DeployEntry entry) {
        DeployEntry.Status now = entry.status();
        DeployEvent.Kind end = DeployEvent.Kind.endOf(now);
        List<DeployEvent> events = new ArrayList<>();
        if (before == null && now == DeployEntry.Status.RUNNING) {
            events.add(DeployEvent.started(entry));
        } else if (end != null && (before == null || before == DeployEntry.Status.RUNNING || before == DeployEntry.Status.UNFINISHED)) {
            if (before == null && end != DeployEvent.Kind.REFUSED) {
                events.add(DeployEvent.started(entry));
            }
            events.add(DeployEvent.ended(end, entry));
        }
        return events;
    }

    /** For tests: how many deploys are remembered. */
    int remembered() {
        return known.size();
    }
}
